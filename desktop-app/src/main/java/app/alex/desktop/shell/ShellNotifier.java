package app.alex.desktop.shell;

import app.alex.desktop.ui.Notifier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.function.Supplier;

/** Notifications in the corner of the window (ControlsFX), with the last message kept in the status bar. */
final class ShellNotifier implements Notifier {
    private final StatusBarModel status;
    private final Supplier<Window> owner;

    ShellNotifier(StatusBarModel status, Supplier<Window> owner) {
        this.status = status;
        this.owner = owner;
    }

    @Override
    public void info(String message) {
        show(message, false);
    }

    @Override
    public void error(String message) {
        show(message, true);
    }

    private void show(String message, boolean error) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> show(message, error));
            return;
        }
        status.setMessage(message);
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        var notification = Notifications.create().owner(window).position(Pos.BOTTOM_RIGHT)
                .title(error ? "Problem" : "Alex").text(message)
                .hideAfter(Duration.seconds(error ? 8 : 4));
        if (error) {
            notification.showError();
        } else {
            notification.showInformation();
        }
    }
}
