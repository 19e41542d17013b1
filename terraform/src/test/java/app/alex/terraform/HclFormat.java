package app.alex.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout rules of {@code terraform fmt} that this stack's files can break, for machines
 * without a terraform binary: two spaces per nesting level, no tabs, no trailing blanks, one
 * newline at the end, one space around {@code =} of a lone attribute, and the {@code =} of
 * consecutive one-line attributes at one indentation aligned one space after the longest name
 * (a blank line, a comment line, a block or a multi-line value ends such a run). Heredocs are
 * left alone, as fmt leaves them.
 */
final class HclFormat {
    private static final Pattern ATTRIBUTE = Pattern.compile("^( *)([A-Za-z_][A-Za-z0-9_-]*|\"[^\"]*\")( *)=(?!=)( *)(.*)$");
    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Z_]+)\\s*$");

    private HclFormat() {
    }

    /** Problems as "line N: what fmt would change"; empty when fmt would leave the text as it is. */
    static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        if (!text.isEmpty() && (!text.endsWith("\n") || text.endsWith("\n\n"))) {
            problems.add("end of file: exactly one newline");
        }
        String[] lines = text.split("\n", -1);
        // hclwrite's rule: a line with more opening than closing brackets adds one level, however
        // many it opens; closing lines take away the levels their brackets opened.
        List<Integer> levels = new ArrayList<>();
        String heredoc = null;
        List<int[]> run = new ArrayList<>(); // {line index, name end, equals column}
        int runIndent = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (heredoc != null) {
                if (line.strip().equals(heredoc)) {
                    heredoc = null;
                }
                continue;
            }
            if (line.contains("\t")) {
                problems.add("line " + n + ": tab");
            }
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                problems.add("line " + n + ": trailing blank");
            }
            String code = stripStringsAndComments(line);
            int opens = count(code, "{[(");
            int closes = count(code, "}])");
            int net = opens - closes;
            if (net < 0) {
                int closed = -net;
                while (closed > 0 && !levels.isEmpty()) {
                    int top = levels.removeLast();
                    if (closed < top) {
                        levels.add(top - closed);
                        closed = 0;
                    } else {
                        closed -= top;
                    }
                }
            }
            int expected = 2 * levels.size();
            int indent = line.length() - line.stripLeading().length();
            if (!line.isBlank() && indent != expected) {
                problems.add("line " + n + ": indented " + indent + " spaces, fmt gives " + expected);
            }
            if (net > 0) {
                levels.add(net);
            }
            Matcher attribute = ATTRIBUTE.matcher(line);
            boolean oneLine = attribute.matches() && opens == closes && !HEREDOC.matcher(line).find();
            if (attribute.matches() && !attribute.group(4).equals(" ") && !attribute.group(5).isEmpty()) {
                problems.add("line " + n + ": one space after =");
            }
            if (oneLine && (run.isEmpty() || indent == runIndent)) {
                run.add(new int[] {i, attribute.group(1).length() + attribute.group(2).length(),
                        attribute.group(1).length() + attribute.group(2).length() + attribute.group(3).length()});
                runIndent = indent;
            } else {
                checkRun(run, problems);
                run.clear();
                if (oneLine) {
                    run.add(new int[] {i, attribute.group(1).length() + attribute.group(2).length(),
                            attribute.group(1).length() + attribute.group(2).length() + attribute.group(3).length()});
                    runIndent = indent;
                } else if (attribute.matches() && !attribute.group(3).equals(" ")) {
                    problems.add("line " + n + ": one space before = of a multi-line value");
                }
            }
            Matcher doc = HEREDOC.matcher(line);
            if (doc.find()) {
                heredoc = doc.group(1);
            }
        }
        checkRun(run, problems);
        return problems;
    }

    private static void checkRun(List<int[]> run, List<String> problems) {
        if (run.isEmpty()) {
            return;
        }
        int longest = run.stream().mapToInt(r -> r[1]).max().orElseThrow();
        for (int[] r : run) {
            if (r[2] != longest + 1) {
                problems.add("line " + (r[0] + 1) + ": = at column " + (r[2] + 1) + ", fmt aligns it at " + (longest + 2));
            }
        }
    }

    private static int count(String code, String chars) {
        int c = 0;
        for (int i = 0; i < code.length(); i++) {
            if (chars.indexOf(code.charAt(i)) >= 0) {
                c++;
            }
        }
        return c;
    }

    /** The line with string contents (and ${...} inside them) and comments blanked out. */
    static String stripStringsAndComments(String line) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        int interpolation = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
                    interpolation++;
                    i++;
                } else if (c == '}' && interpolation > 0) {
                    interpolation--;
                } else if (c == '"' && interpolation == 0) {
                    inString = false;
                    out.append('"');
                }
                continue;
            }
            if (c == '"') {
                inString = true;
                out.append('"');
            } else if (c == '#' || (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/')) {
                break;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
