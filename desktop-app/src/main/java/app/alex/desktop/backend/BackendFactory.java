package app.alex.desktop.backend;

import app.alex.desktop.config.Settings;

/** Opens a session for the chosen settings; called off the FX thread (opening may load a model or touch the network). */
@FunctionalInterface
public interface BackendFactory {
    BackendSession open(Settings settings);
}
