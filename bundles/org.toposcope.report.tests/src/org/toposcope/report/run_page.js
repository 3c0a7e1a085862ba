// Runs a mapper page in jsdom (Debian node-jsdom) and prints what its scripts built, as JSON.
// usage: NODE_PATH=/usr/share/nodejs node run_page.js page.html
"use strict";
const fs = require("fs");
const { JSDOM, VirtualConsole } = require("jsdom");

const errors = [];
const virtualConsole = new VirtualConsole();
virtualConsole.on("jsdomError", e => errors.push(String(e && (e.stack || e.message) || e)));
virtualConsole.on("error", e => errors.push(String(e)));
const dom = new JSDOM(fs.readFileSync(process.argv[2], "utf8"), {
  runScripts: "dangerously", pretendToBeVisual: true, virtualConsole
});
const { window } = dom;
const doc = window.document;

setTimeout(() => {
  const circles = doc.querySelectorAll("#graph svg circle");
  const lines = doc.querySelectorAll("#graph svg line");
  const cx = Array.from(circles).map(c => Number(c.getAttribute("cx")));
  const result = {
    errors,
    circles: circles.length,
    lines: lines.length,
    positioned: cx.filter(Number.isFinite).length,
    options: Array.from(doc.querySelectorAll("#colouring option")).map(o => o.textContent),
    legend: doc.getElementById("legend").textContent,
    fillsBefore: Array.from(circles).map(c => c.getAttribute("fill"))
  };
  if (circles.length > 0) {
    circles[0].dispatchEvent(new window.MouseEvent("mouseover", { bubbles: true }));
    result.tooltip = doc.getElementById("tooltip").innerHTML;
    result.tooltipHidden = doc.getElementById("tooltip").hidden;
  }
  const select = doc.getElementById("colouring");
  if (select.options.length > 1) {
    select.value = "1";
    select.dispatchEvent(new window.Event("change"));
    result.legendAfter = doc.getElementById("legend").textContent;
    result.fillsAfter = Array.from(circles).map(c => c.getAttribute("fill"));
  }
  process.stdout.write(JSON.stringify(result));
  window.close();
  process.exit(0);
}, 700);
