package app.alex.desktop.shell;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Pop-up messages drawn inside the window, in its lower-left corner above the status bar: they use
 * the window's theme (light or dark) and never hide the status bar. Each one closes on its own or
 * with its × button. Call on the FX thread.
 */
final class Toasts extends VBox {
    private static final int MAX_SHOWN = 3;

    Toasts() {
        super(8);
        setId("toasts");
        setAlignment(Pos.BOTTOM_LEFT);
        setPickOnBounds(false); // clicks pass through the empty area to the screen below
        setMaxSize(420, Region.USE_PREF_SIZE);
        setPadding(new Insets(0, 0, 12, 12));
    }

    void show(String title, String message, boolean problem, Duration shownFor) {
        var heading = new Label(title);
        heading.getStyleClass().add("toast-title");
        heading.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(heading, Priority.ALWAYS);
        var close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll("flat", "toast-close");
        var top = new HBox(6, heading, close);
        top.setAlignment(Pos.CENTER_LEFT);
        var text = new Label(message);
        text.getStyleClass().add("toast-text");
        text.setWrapText(true);
        var toast = new VBox(4, top, text);
        toast.getStyleClass().addAll("toast", problem ? "toast-problem" : "toast-info");
        toast.setMaxWidth(400);
        close.setOnAction(e -> getChildren().remove(toast));
        var timer = new PauseTransition(shownFor);
        timer.setOnFinished(e -> getChildren().remove(toast));
        getChildren().add(toast);
        while (getChildren().size() > MAX_SHOWN) {
            getChildren().removeFirst();
        }
        timer.play();
    }
}
