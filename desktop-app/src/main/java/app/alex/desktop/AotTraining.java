package app.alex.desktop;

import app.alex.core.search.SearchRequest;
import app.alex.desktop.backend.BackendConnection;
import app.alex.desktop.ui.Screen;
import app.alex.desktop.shell.Workbench;
import javafx.application.Platform;

/**
 * {@code Alex --aot-training}: the launch the installer build records a JDK AOT cache from
 * ({@code -XX:AOTCacheOutput}, see packaging/src/build/BuildInstaller.java). It starts the workbench
 * as an analyst would, waits until the backend is Healthy, opens every screen, runs one search (so
 * the tokenizer, ONNX Runtime and Lucene's search path are loaded too) and exits normally, which is
 * when the JVM writes the cache. Every later launch then maps those classes already loaded and linked.
 */
final class AotTraining {
    static final String FLAG = "--aot-training";

    private AotTraining() {
    }

    static void begin(BackendConnection connection, Workbench workbench) {
        connection.healthProperty().addListener((property, was, now) -> {
            switch (now) {
                case OK -> {
                    if (was != BackendConnection.Health.OK) {
                        for (Screen screen : Screen.values()) {
                            workbench.show(screen);
                        }
                        workbench.show(Screen.FEED);
                        var knowledgeBase = connection.current().knowledgeBase();
                        Thread.ofVirtual().start(() -> {
                            int status = 0;
                            try {
                                knowledgeBase.search(SearchRequest.of("how are reinvested dividends taxed", 5));
                            } catch (RuntimeException e) {
                                System.err.println("aot-training: the search failed: " + e.getMessage());
                                status = 1;
                            }
                            exit(connection, status);
                        });
                    }
                }
                case FAILED -> {
                    System.err.println("aot-training: the backend did not open: " + connection.healthMessageProperty().get());
                    exit(connection, 1);
                }
                default -> { }
            }
        });
    }

    /** A normal exit (not halt): the JVM writes the AOT cache while it exits. */
    private static void exit(BackendConnection connection, int status) {
        Platform.runLater(() -> {
            connection.close();
            System.exit(status);
        });
    }
}
