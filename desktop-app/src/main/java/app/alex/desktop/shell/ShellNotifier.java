package app.alex.desktop.shell;

import app.alex.desktop.ui.Notifier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.util.function.Supplier;

/**
 * Every message goes to the status bar; problems also pop up as a ControlsFX notification in the
 * lower-left corner of the window, where it covers the least.
 */
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

    @Override
    public void announce(String title, String message) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> announce(title, message));
            return;
        }
        status.setMessage(message);
        Window window = owner.get();
        if (window != null && window.isShowing()) {
            Notifications.create().owner(window).position(Pos.BOTTOM_LEFT).title(title).text(message)
                    .hideAfter(Duration.seconds(10)).showInformation();
        }
    }

    private void show(String message, boolean error) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> show(message, error));
            return;
        }
        status.setMessage(message);
        Window window = owner.get();
        if (!error || window == null || !window.isShowing()) {
            return; // good news stays in the status bar: a toast would cover what the analyst is reading
        }
        // Bottom left: over the empty lower part of the navigation, not over results and sources.
        var notification = Notifications.create().owner(window).position(Pos.BOTTOM_LEFT)
                .title("Problem").text(message)
                .hideAfter(Duration.seconds(8));
        notification.showError();
    }
}
