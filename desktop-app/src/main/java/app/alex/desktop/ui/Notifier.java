package app.alex.desktop.ui;

/** Tells the analyst what happened: short, readable, never a stack trace. */
public interface Notifier {
    void info(String message);

    void error(String message);

    /** News worth a pop-up (a scheduled report arrived); by default the same as {@link #info}. */
    default void announce(String title, String message) {
        info(message);
    }

    default void error(Throwable failure) {
        error(Errors.message(failure));
    }

    /** Does nothing: for view-models under test. */
    Notifier NONE = new Notifier() {
        @Override
        public void info(String message) {
        }

        @Override
        public void error(String message) {
        }
    };
}
