// Interactive mapper graph; data from the embedded JSON (see MapperPage.json), d3 inlined above.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = data.nodes.map(d => Object.assign({}, d, { x: d.x0, y: d.y0 }));
  const links = data.links.map(d => Object.assign({}, d));
  const colourings = data.colourings;
  let current = 0;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]);
  }

  const select = document.getElementById("colouring");
  colourings.forEach((c, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = c.by;
    select.appendChild(option);
  });
  if (colourings.length < 2) {
    document.getElementById("colouring-control").hidden = true;
  }

  const container = document.getElementById("graph");
  const width = container.clientWidth || 900;
  const height = container.clientHeight || 600;
  const svg = d3.select(container).append("svg").attr("viewBox", [0, 0, width, height]);
  const layer = svg.append("g");

  const maxSize = d3.max(nodes, d => d.size) || 1;
  const maxShared = d3.max(links, d => d.shared) || 1;
  const radius = d3.scaleSqrt().domain([0, maxSize]).range([2, nodes.length > 500 ? 10 : 16]);

  function colourOf(d) {
    if (colourings.length === 0) return data.missingColour;
    const c = colourings[current];
    const m = c.majority[d.id];
    return m < 0 ? data.missingColour : c.colours[m];
  }

  const link = layer.append("g").attr("stroke", "#999").attr("stroke-opacity", 0.6)
    .selectAll("line").data(links).join("line")
    .attr("stroke-width", d => 0.5 + 2 * Math.sqrt(d.shared / maxShared));

  const node = layer.append("g").attr("stroke", "#333").attr("stroke-width", 0.6)
    .selectAll("circle").data(nodes).join("circle")
    .attr("r", d => radius(d.size))
    .attr("fill", colourOf);

  const simulation = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id(d => d.id).distance(d3.mean([radius(maxSize), 30]) || 30))
    .force("charge", d3.forceManyBody().strength(-30).distanceMax(300))
    .force("x", d3.forceX(d => d.x0).strength(0.08))
    .force("y", d3.forceY(d => d.y0).strength(0.08))
    .force("collide", d3.forceCollide(d => radius(d.size) + 1))
    .alpha(0.5)
    .on("tick", () => {
      link.attr("x1", d => d.source.x).attr("y1", d => d.source.y)
        .attr("x2", d => d.target.x).attr("y2", d => d.target.y);
      node.attr("cx", d => d.x).attr("cy", d => d.y);
    });

  node.call(d3.drag()
    .on("start", (event, d) => { if (!event.active) simulation.alphaTarget(0.3).restart(); d.fx = d.x; d.fy = d.y; })
    .on("drag", (event, d) => { d.fx = event.x; d.fy = event.y; })
    .on("end", (event, d) => { if (!event.active) simulation.alphaTarget(0); d.fx = null; d.fy = null; }));

  // an explicit extent: the default reads the SVG's viewBox, which not every DOM implements
  const zoom = d3.zoom().extent([[0, 0], [width, height]]).scaleExtent([0.02, 40]).on("zoom", event => layer.attr("transform", event.transform));
  svg.call(zoom);
  // fit the starting layout into the view
  const xs = d3.extent(nodes, d => d.x0), ys = d3.extent(nodes, d => d.y0);
  if (nodes.length > 0) {
    const w = Math.max(xs[1] - xs[0], 1) + 80, h = Math.max(ys[1] - ys[0], 1) + 80;
    const k = Math.min(width / w, height / h, 4);
    svg.call(zoom.transform, d3.zoomIdentity.translate(width / 2, height / 2).scale(k)
      .translate(-(xs[0] + xs[1]) / 2, -(ys[0] + ys[1]) / 2));
  }

  const tooltip = document.getElementById("tooltip");
  function tooltipHtml(d) {
    let html = "<b>node " + d.id + "</b><br>members: " + d.size + "<br>cover set: " + d.coverSet;
    if (data.hasLens) html += "<br>mean lens: " + (d.lens === null || d.lens === undefined ? "n/a" : (+d.lens).toPrecision(4));
    if (colourings.length > 0) {
      const c = colourings[current];
      const counts = c.counts[d.id];
      const top = d3.max(counts) || 1;
      html += "<table>";
      counts.forEach((n, k) => {
        if (n === 0) return;
        html += "<tr><td>" + esc(c.categories[k]) + "</td><td>" + n + "</td><td><span class=\"bar\" style=\"width:"
          + Math.round(60 * n / top) + "px;background:" + c.colours[k] + "\"></span></td></tr>";
      });
      html += "</table>";
    }
    return html;
  }
  node.on("mouseover", (event, d) => {
    tooltip.innerHTML = tooltipHtml(d);
    tooltip.hidden = false;
  }).on("mousemove", event => {
    tooltip.style.left = (event.clientX + 14) + "px";
    tooltip.style.top = (event.clientY + 10) + "px";
  }).on("mouseout", () => { tooltip.hidden = true; });

  function drawLegend() {
    const legend = document.getElementById("legend");
    if (colourings.length === 0) {
      legend.innerHTML = "<i>no colouring</i>";
      return;
    }
    const c = colourings[current];
    const used = new Array(c.categories.length).fill(0);
    let none = 0;
    c.majority.forEach(m => { if (m < 0) none++; else used[m]++; });
    let html = "<b>majority " + esc(c.by) + "</b> (nodes)<br>";
    c.categories.forEach((name, k) => {
      html += "<div><span class=\"swatch\" style=\"background:" + c.colours[k] + "\"></span>" + esc(name) + " (" + used[k] + ")</div>";
    });
    if (none > 0) html += "<div><span class=\"swatch\" style=\"background:" + data.missingColour + "\"></span>none (" + none + ")</div>";
    legend.innerHTML = html;
  }
  select.addEventListener("change", () => {
    current = +select.value;
    node.attr("fill", colourOf);
    drawLegend();
  });
  drawLegend();
})();
