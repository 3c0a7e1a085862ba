package org.toposcope.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.toposcope.core.ToposcopeException;

/**
 * Builds a report's index.html: a title, sections (with a table of contents when there are several),
 * escaped paragraphs, figures (the PNG shown, the SVG linked), tables and links, all by paths relative to
 * the page. Plain inline CSS, no scripts.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.7em;border-bottom:2px solid #4e79a7;padding-bottom:.2em}
            h2{font-size:1.3em;margin-top:1.8em;border-bottom:1px solid #ddd}
            nav ul{columns:2;padding-left:1.2em}
            figure{margin:1.2em 0;text-align:center}
            figure img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:.92em;color:#444;margin-top:.3em}
            table{border-collapse:collapse;margin:1em 0;font-size:.92em}
            th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
            th{background:#f3f5f8}
            tr:nth-child(even) td{background:#fafafa}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            """;

    private final String title;
    private final List<String> blocks = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    public HtmlReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    public HtmlReport section(String heading) {
        sections.add(heading);
        blocks.add("<h2 id=\"s" + sections.size() + "\">" + Html.escape(heading) + "</h2>");
        return this;
    }

    /** A paragraph of plain text (escaped; line breaks kept). */
    public HtmlReport paragraph(String text) {
        blocks.add("<p>" + Html.escape(text).replace("\n", "<br>\n") + "</p>");
        return this;
    }

    /** A figure: the PNG shown, linked to the SVG when {@code svgPath} is not null. */
    public HtmlReport figure(String pngPath, String svgPath, String caption) {
        String png = Html.relative("figure", pngPath);
        String alt = Html.escape(caption == null ? "" : caption);
        StringBuilder b = new StringBuilder("<figure>");
        if (svgPath != null) {
            String svg = Html.relative("figure", svgPath);
            b.append("<a href=\"").append(svg).append("\"><img src=\"").append(png).append("\" alt=\"").append(alt)
                    .append("\"></a>");
            b.append("<figcaption>").append(alt).append(" <a href=\"").append(svg).append("\">[SVG]</a></figcaption>");
        } else {
            b.append("<img src=\"").append(png).append("\" alt=\"").append(alt).append("\">");
            b.append("<figcaption>").append(alt).append("</figcaption>");
        }
        blocks.add(b.append("</figure>").toString());
        return this;
    }

    /** A table; every row has as many cells as the header. Cells that read as numbers are right-aligned. */
    public HtmlReport table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
        for (String h : header) {
            b.append("<th>").append(Html.escape(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new ToposcopeException("report '" + title + "': table row " + r + " has " + row.size() + " cells for "
                        + header.size() + " columns");
            }
            b.append("<tr>");
            for (String cell : row) {
                String text = cell == null ? "" : cell;
                b.append(isNumber(text) ? "<td class=\"num\">" : "<td>").append(Html.escape(text)).append("</td>");
            }
            b.append("</tr>\n");
        }
        blocks.add(b.append("</tbody></table>").toString());
        return this;
    }

    public HtmlReport link(String href, String text) {
        blocks.add("<p><a href=\"" + Html.href(href) + "\">" + Html.escape(text) + "</a></p>");
        return this;
    }

    /** The page as text. */
    public String toHtml() {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        b.append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(Html.escape(title)).append("</h1>\n");
        if (sections.size() > 1) {
            b.append("<nav><ul>\n");
            for (int s = 0; s < sections.size(); s++) {
                b.append("<li><a href=\"#s").append(s + 1).append("\">").append(Html.escape(sections.get(s))).append("</a></li>\n");
            }
            b.append("</ul></nav>\n");
        }
        for (String block : blocks) {
            b.append(block).append('\n');
        }
        return b.append("</body>\n</html>\n").toString();
    }

    /** Writes the page atomically. */
    public void write(Path file) {
        Figure.write(file, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s.replace(",", ""));
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
