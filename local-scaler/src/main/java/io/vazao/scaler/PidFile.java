package io.vazao.scaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * The workers' PIDs on disk, one line each ({@code pid workerId [stopping]}): what `vazao down` and
 * a scaler started after a crash read to find workers nobody manages any more. Replaced atomically,
 * so a reader never sees half a file.
 */
final class PidFile {

    private final Path path;

    /** {@code path} null: no file is kept. */
    PidFile(Path path) {
        this.path = path;
    }

    void write(Collection<ManagedWorker> workers) {
        if (path == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (ManagedWorker m : workers) {
            if (m.process.isAlive()) {
                sb.append(m.process.pid())
                        .append(' ')
                        .append(m.workerId)
                        .append(m.stopRequestedAt > 0 ? " stopping" : "")
                        .append('\n');
            }
        }
        try {
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(tmp, sb.toString());
            Files.move(
                    tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warn("pidfile.unwritable", "path", path, "error", e.getMessage());
        }
    }
}
