package io.vazao.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every `./vazao …` command line the documentation shows a user: lines of fenced code blocks that
 * start with it, and inline code spans that do. Pure: text in, command lines out.
 */
final class DocCommandLines {

    /** One documented command line and where it stands. */
    record DocLine(String file, int line, String command) {

        /** The subcommand path without options, e.g. "policy get" for `./vazao policy get -Q q`. */
        String subcommand() {
            List<String> words = new ArrayList<>();
            for (String w : command.substring("./vazao".length()).trim().split("\\s+")) {
                if (w.isEmpty()
                        || w.startsWith("-")
                        || w.equals("|")
                        || !w.matches("[a-z][a-z-]*")) {
                    break;
                }
                words.add(w);
            }
            return String.join(" ", words);
        }

        @Override
        public String toString() {
            return file + ":" + line + " " + command;
        }
    }

    private static final Pattern INLINE = Pattern.compile("`(\\./vazao(?: [^`]*)?)`");

    /** A placeholder such as {@code <command>}: the line is a template, not a command line. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z -]*>");

    private static final Pattern PROMPT =
            Pattern.compile("^\\s*(?:\\$\\s+)?(\\./vazao(?:\\s.*)?)$");

    private DocCommandLines() {}

    /** README.md and every docs/*.md of the repository. */
    static List<DocLine> inRepository(Path repo) throws IOException {
        List<DocLine> out = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(repo.resolve("README.md")));
        try (Stream<Path> docs = Files.list(repo.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        for (Path f : files) {
            out.addAll(in(repo.relativize(f).toString(), Files.readString(f)));
        }
        return out;
    }

    static List<DocLine> in(String file, String markdown) {
        List<DocLine> out = new ArrayList<>();
        boolean fenced = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                Matcher m = PROMPT.matcher(line);
                if (m.matches()) {
                    add(out, new DocLine(file, i + 1, withoutComment(m.group(1))));
                }
                continue;
            }
            Matcher m = INLINE.matcher(line);
            while (m.find()) {
                add(out, new DocLine(file, i + 1, m.group(1).strip()));
            }
        }
        return out;
    }

    /**
     * A template (a placeholder) or a mention of the launcher itself (`./vazao`, `./vazao …`) is no
     * command line.
     */
    private static void add(List<DocLine> out, DocLine line) {
        String rest = line.command().substring("./vazao".length()).strip();
        if (!PLACEHOLDER.matcher(line.command()).find() && !rest.isEmpty() && !rest.equals("…")) {
            out.add(line);
        }
    }

    /** A shell comment after the command (` # …`), as the docs use to explain a line. */
    static String withoutComment(String command) {
        int hash = command.indexOf(" #");
        return (hash < 0 ? command : command.substring(0, hash)).strip();
    }
}
