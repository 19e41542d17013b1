package app.alex.desktop.shell;

import app.alex.desktop.ui.Notifier;
import javafx.application.Platform;
import javafx.util.Duration;

/**
 * Every message goes to the status bar; problems and announcements also pop up in the window's
 * lower-left corner, above the status bar ({@link Toasts}), where they cover the least.
 */
final class ShellNotifier implements Notifier {
    private final StatusBarModel status;
    private final Toasts toasts;

    ShellNotifier(StatusBarModel status, Toasts toasts) {
        this.status = status;
        this.toasts = toasts;
    }

    @Override
    public void info(String message) {
        show(message, false);
    }

    @Override
    public void error(String message) {
        show(message, true);
    }

    @Override
    public void announce(String title, String message) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> announce(title, message));
            return;
        }
        status.setMessage(message);
        toasts.show(title, message, false, Duration.seconds(10));
    }

    private void show(String message, boolean error) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> show(message, error));
            return;
        }
        status.setMessage(message);
        if (error) { // good news stays in the status bar: a toast would cover what the analyst is reading
            toasts.show("Problem", message, true, Duration.seconds(8));
        }
    }
}
