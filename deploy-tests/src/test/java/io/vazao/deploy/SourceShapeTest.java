package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The house rules on size, checked on every module's main code with the JDK's own parser: no method
 * over {@value #MAX_METHOD_LINES} lines and no top-level class over {@value #MAX_CLASS_LINES}
 * (declaration to closing brace, javadoc and blank lines included). Generated code is not under
 * {@code src/main/java}, so it is not read.
 */
class SourceShapeTest {

    static final int MAX_METHOD_LINES = 60;
    static final int MAX_CLASS_LINES = 300;

    record Oversized(String where, int lines, int limit) {
        @Override
        public String toString() {
            return where + ": " + lines + " lines (limit " + limit + ")";
        }
    }

    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "not inside the repository");
        return dir;
    }

    static List<Path> mainSources(Path repo) throws IOException {
        try (Stream<Path> files = Files.walk(repo)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> repo.relativize(p).toString().contains("src/main/java/"))
                    .filter(p -> !repo.relativize(p).toString().contains("/target/"))
                    .sorted()
                    .toList();
        }
    }

    static List<Oversized> oversized(Path repo, List<Path> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Oversized> out = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            JavacTask task =
                    (JavacTask) javac.getTask(null, fm, null, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                String file = repo.relativize(Path.of(unit.getSourceFile().toUri())).toString();
                new TreeScanner<Void, Integer>() {
                    @Override
                    public Void visitClass(ClassTree tree, Integer depth) {
                        if (depth == 0) {
                            check(tree, file + " class " + tree.getSimpleName(), MAX_CLASS_LINES);
                        }
                        return super.visitClass(tree, depth + 1);
                    }

                    @Override
                    public Void visitMethod(MethodTree tree, Integer depth) {
                        check(tree, file + " method " + tree.getName(), MAX_METHOD_LINES);
                        return super.visitMethod(tree, depth);
                    }

                    private void check(Tree tree, String where, int limit) {
                        long start = positions.getStartPosition(unit, tree);
                        long end = positions.getEndPosition(unit, tree);
                        int lines =
                                (int)
                                        (unit.getLineMap().getLineNumber(end)
                                                - unit.getLineMap().getLineNumber(start)
                                                + 1);
                        if (lines > limit) {
                            out.add(new Oversized(where, lines, limit));
                        }
                    }
                }.scan(unit, 0);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    @Test
    void noMethodOver60LinesAndNoClassOver300() throws IOException {
        Path repo = repo();
        List<Path> sources = mainSources(repo);
        assertTrue(sources.size() > 100, "found only " + sources.size() + " main sources");
        List<Oversized> found = oversized(repo, sources);
        assertEquals(List.of(), found, "split these: " + found);
    }

    @Test
    void theCheckSeesALongMethodAndALongClass() throws IOException {
        Path dir = Files.createTempDirectory("shape");
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 61; i++) {
            body.append("        x++;\n");
        }
        StringBuilder filler = new StringBuilder();
        for (int i = 0; i < 240; i++) {
            filler.append("    int f").append(i).append(";\n");
        }
        Path file = dir.resolve("Big.java");
        Files.writeString(
                file,
                "class Big {\n    int x;\n    void m() {\n" + body + "    }\n" + filler + "}\n");
        List<Oversized> found = oversized(dir, List.of(file));
        assertEquals(
                List.of(
                        new Oversized("Big.java class Big", 306, MAX_CLASS_LINES),
                        new Oversized("Big.java method m", 63, MAX_METHOD_LINES)),
                found);
    }
}
