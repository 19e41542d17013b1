package app.alex.core.extract;

import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table of figures (a filing's statements, a segment table) as one readable line a row: the row
 * label, then each figure with its column heading ("Americas — 2024: $167,045; Change: 3%; 2023:
 * $162,560"), instead of a soup of numbers, currency signs and percent cells. Tables without
 * figures (layout, a table of contents with page numbers) are left to the ordinary rendering.
 */
final class FigureTable {
    /** An amount, a percentage or a number with separators; a bare page number ("12") is not a figure. */
    private static final Pattern FIGURE = Pattern.compile(
            "\\(?-?\\$?\\s?\\(?(\\d{1,3}(,\\d{3})+|\\d+\\.\\d+|\\d{4,})\\)?\\s?%?\\)?|\\(?-?\\d+(\\.\\d+)?\\)?\\s?%");
    /** A number or a dash standing for zero, as the value of a cell. */
    private static final Pattern VALUE = Pattern.compile("\\(?-?\\$?\\s?\\(?[\\d.,]+\\)?\\s?%?\\)?|[\u2014\u2013-]+");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    /** Cells that only carry a currency sign or the close of a percentage, set apart for alignment. */
    private static final Pattern PREFIX = Pattern.compile("[$€£¥]");
    private static final Pattern SUFFIX = Pattern.compile("%|\\)|\\)%|%\\)");

    private FigureTable() {
    }

    private record Cell(int column, int span, String text) {
        boolean covers(int c) {
            return c >= column && c < column + span;
        }
    }

    /** Writes the table as rows of figures and returns true, or returns false when it holds no figure. */
    static boolean render(Element table, HtmlExtractor.Output out) {
        var rows = new ArrayList<List<Cell>>();
        boolean figures = false;
        for (Element tr : table.select("tr")) {
            if (tr.closest("table") != table) {
                continue; // a row of a nested table
            }
            List<Cell> cells = merged(cells(tr));
            if (!cells.isEmpty()) {
                rows.add(cells);
                figures |= cells.stream().skip(1).anyMatch(c -> FIGURE.matcher(c.text()).matches());
            }
        }
        if (!figures) {
            return false;
        }
        out.breakLine(2);
        var headers = new ArrayList<List<Cell>>();
        boolean dataSeen = false;
        for (List<Cell> row : rows) {
            boolean data = row.getFirst().column() == 0 && !isValue(row.getFirst().text())
                    && row.stream().skip(1).anyMatch(c -> isValue(c.text()));
            boolean headingsOnly = row.stream().skip(1).allMatch(c -> YEAR.matcher(c.text()).matches()
                    || !isValue(c.text()));
            // A caption row ("ASSETS:", one cell at the left) is a line of its own, never a column heading.
            boolean caption = row.size() == 1 && row.getFirst().column() == 0;
            if (!dataSeen && !caption && (!data || headingsOnly)) {
                headers.add(row); // column headings: years, "Change", "Three Months Ended"...
                continue;
            }
            dataSeen |= data;
            out.text(line(row, data, headers), false);
            out.breakLine(1);
        }
        out.breakLine(2);
        return true;
    }

    private static boolean isValue(String text) {
        return VALUE.matcher(text).matches();
    }

    private static String line(List<Cell> row, boolean data, List<List<Cell>> headers) {
        if (!data) {
            return String.join("  ", row.stream().map(Cell::text).toList());
        }
        var line = new StringBuilder(row.getFirst().text().replaceAll(":$", ""));
        String separator = " \u2014 ";
        for (Cell cell : row.subList(1, row.size())) {
            String heading = heading(cell.column(), headers);
            line.append(separator).append(heading.isEmpty() ? "" : heading + ": ").append(cell.text());
            separator = "; ";
        }
        return line.toString();
    }

    /** The headings over a column, outer rows first ("Years ended September 28, 2024"). */
    private static String heading(int column, List<List<Cell>> headers) {
        var parts = new ArrayList<String>();
        for (List<Cell> row : headers) {
            for (Cell cell : row) {
                if (cell.covers(column) && !parts.contains(cell.text())) {
                    parts.add(cell.text());
                }
            }
        }
        return String.join(" ", parts);
    }

    private static List<Cell> cells(Element tr) {
        var cells = new ArrayList<Cell>();
        int column = 0;
        for (Element td : tr.children()) {
            if (!td.normalName().equals("td") && !td.normalName().equals("th")) {
                continue;
            }
            int span = 1;
            try {
                span = Math.clamp(Integer.parseInt(td.attr("colspan").strip()), 1, 1000);
            } catch (NumberFormatException noSpan) {
                // one column
            }
            String text = td.text().replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
            if (!text.isEmpty()) {
                cells.add(new Cell(column, span, text));
            }
            column += span;
        }
        return cells;
    }

    /** "$" joins the figure after it; "%" and ")" join the figure before it. */
    private static List<Cell> merged(List<Cell> cells) {
        var out = new ArrayList<Cell>();
        String prefix = "";
        for (Cell cell : cells) {
            if (PREFIX.matcher(cell.text()).matches()) {
                prefix = cell.text();
            } else if (SUFFIX.matcher(cell.text()).matches() && !out.isEmpty()) {
                Cell last = out.removeLast();
                out.add(new Cell(last.column(), last.span(), last.text() + cell.text()));
            } else {
                out.add(new Cell(cell.column(), cell.span(), prefix + cell.text()));
                prefix = "";
            }
        }
        return out;
    }
}
