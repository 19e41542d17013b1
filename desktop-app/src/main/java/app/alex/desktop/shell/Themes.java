package app.alex.desktop.shell;

import app.alex.desktop.config.Settings;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** Light or dark: AtlantaFX's Primer themes, plus a style class our stylesheet keys on. */
public final class Themes {
    public static final String STYLESHEET = "/app/alex/desktop/alex.css";

    private Themes() {
    }

    public static void apply(Settings.Theme theme, Scene scene) {
        Application.setUserAgentStylesheet(theme == Settings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        if (scene != null && scene.getRoot() != null) {
            scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
            scene.getRoot().getStyleClass().add(theme == Settings.Theme.DARK ? "theme-dark" : "theme-light");
        }
    }

    public static String stylesheet() {
        return Themes.class.getResource(STYLESHEET).toExternalForm();
    }
}
