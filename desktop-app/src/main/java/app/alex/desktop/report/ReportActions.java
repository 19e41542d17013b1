package app.alex.desktop.report;

import app.alex.core.research.ResearchReport;
import app.alex.desktop.ui.FileDialogs;
import app.alex.desktop.ui.Notifier;
import app.alex.desktop.ui.TaskExecutor;
import app.alex.desktop.ui.Tasks;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.nio.file.Path;
import java.util.function.Function;

/** "Export Markdown" and "Export HTML" buttons for whichever report is shown; files are written off the FX thread. */
public final class ReportActions {
    private ReportActions() {
    }

    public static HBox exportButtons(String idPrefix, ObservableValue<ResearchReport> report, FileDialogs dialogs,
                                     TaskExecutor executor, Notifier notifier) {
        var markdown = button(idPrefix + "ExportMarkdown", "Markdown", report, dialogs, executor, notifier, "md",
                "Markdown", ReportExport::markdown);
        var html = button(idPrefix + "ExportHtml", "HTML", report, dialogs, executor, notifier, "html", "Web page",
                ReportExport::html);
        return new HBox(6, markdown, html);
    }

    private static Button button(String id, String label, ObservableValue<ResearchReport> report, FileDialogs dialogs,
                                 TaskExecutor executor, Notifier notifier, String extension, String description,
                                 Function<ResearchReport, String> format) {
        var button = new Button("Export " + label, new FontIcon(Feather.DOWNLOAD));
        button.setId(id);
        button.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> report.getValue() == null, report));
        button.setOnAction(e -> {
            ResearchReport current = report.getValue();
            dialogs.saveFile(button.getScene().getWindow(), "Export report as " + label,
                    ReportExport.fileName(current, extension), description, extension)
                    .ifPresent(file -> export(current, file, format, executor, notifier));
        });
        return button;
    }

    /** Writes the report in the background and says where it went. */
    public static void export(ResearchReport report, Path file, Function<ResearchReport, String> format,
                              TaskExecutor executor, Notifier notifier) {
        executor.execute(Tasks.run(() -> ReportExport.write(file, format.apply(report)),
                () -> notifier.info("Saved " + file.getFileName() + " in " + file.toAbsolutePath().getParent()),
                notifier::error));
    }
}
