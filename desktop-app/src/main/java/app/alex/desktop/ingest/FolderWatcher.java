package app.alex.desktop.ingest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches folders (and their subfolders, including new ones) and reports new and changed files
 * in batches: events are collected until none has arrived for a quiet period, so a file still
 * being written or a folder being copied is reported once, whole. Ingest then decides: unchanged
 * content costs nothing, changed content replaces the old version.
 */
public final class FolderWatcher implements AutoCloseable {
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
    private final Consumer<List<Path>> onChanged;
    private final long quietMillis;
    private final Thread thread;

    public FolderWatcher(List<Path> folders, long quietMillis, Consumer<List<Path>> onChanged) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChanged = onChanged;
        this.quietMillis = quietMillis;
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                registerTree(folder);
            }
        }
        this.thread = Thread.ofVirtual().name("alex-folder-watcher").start(this::loop);
    }

    private void registerTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName() != null && dir.getFileName().toString().startsWith(".") && !dir.equals(root)) {
                    return FileVisitResult.SKIP_SUBTREE; // .git and friends
                }
                keys.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        Set<Path> pending = new LinkedHashSet<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                WatchKey key = pending.isEmpty() ? service.take() : service.poll(quietMillis, TimeUnit.MILLISECONDS);
                if (key == null) {
                    // Quiet for long enough: report what changed.
                    List<Path> files = new ArrayList<>(pending);
                    pending.clear();
                    files.removeIf(p -> !Files.isRegularFile(p));
                    if (!files.isEmpty()) {
                        onChanged.accept(files);
                    }
                    continue;
                }
                Path dir = keys.get(key);
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                        continue;
                    }
                    Path path = dir.resolve((Path) event.context());
                    String name = path.getFileName().toString();
                    if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".tmp") || name.endsWith(".part")) {
                        continue;
                    }
                    if (Files.isDirectory(path) && event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                        try {
                            registerTree(path);
                            try (var files = Files.walk(path)) {
                                files.filter(Files::isRegularFile).forEach(pending::add);
                            }
                        } catch (IOException ignored) {
                            // A folder that vanished or cannot be read is simply not watched.
                        }
                    } else {
                        pending.add(path);
                    }
                }
                if (!key.reset()) {
                    keys.remove(key);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed: stop watching.
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            service.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
