package app.alex.desktop.config;

import app.alex.edgar.EdgarConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place the workbench reads its environment variables from. */
class DesktopEnvironmentTest {

    @Test
    void theDataFolderIsTheOneSettingsNameElseAlexDataDir() {
        var environment = new DesktopEnvironment(Map.of("ALEX_DATA_DIR", "/srv/alex-data"));

        assertThat(environment.defaultDataDir()).isEqualTo(Path.of("/srv/alex-data"));
        assertThat(environment.dataDir(new Settings.Backend(Settings.Mode.EMBEDDED, "", "", "", "")))
                .isEqualTo(Path.of("/srv/alex-data"));
        assertThat(environment.dataDir(new Settings.Backend(Settings.Mode.EMBEDDED, "/home/kim/kb", "", "", "")))
                .isEqualTo(Path.of("/home/kim/kb"));
    }

    @Test
    void edgarGetsItsHostsButNeverAUserAgentFromTheEnvironment() {
        var environment = new DesktopEnvironment(Map.of(EdgarConfig.DATA_URL_ENV, "http://127.0.0.1:9/data",
                EdgarConfig.USER_AGENT_ENV, "someone else someone@example.com"));

        assertThat(environment.edgar()).containsEntry(EdgarConfig.DATA_URL_ENV, "http://127.0.0.1:9/data")
                .doesNotContainKey(EdgarConfig.USER_AGENT_ENV);
    }

    @Test
    void edgarHostsGivenAsSystemPropertiesAreLaidOverTheProcessEnvironment() {
        String before = System.getProperty(EdgarConfig.ARCHIVES_URL_ENV);
        System.setProperty(EdgarConfig.ARCHIVES_URL_ENV, "http://127.0.0.1:9/archives");
        try {
            assertThat(DesktopEnvironment.system().edgar()).containsEntry(EdgarConfig.ARCHIVES_URL_ENV, "http://127.0.0.1:9/archives");
        } finally {
            if (before == null) {
                System.clearProperty(EdgarConfig.ARCHIVES_URL_ENV);
            } else {
                System.setProperty(EdgarConfig.ARCHIVES_URL_ENV, before);
            }
        }
    }

    @Test
    void debugIsOnOnlyForAlexDebugOne() {
        assertThat(new DesktopEnvironment(Map.of("ALEX_DEBUG", "1")).debug()).isTrue();
        assertThat(new DesktopEnvironment(Map.of("ALEX_DEBUG", "0")).debug()).isFalse();
        assertThat(new DesktopEnvironment(Map.of()).debug()).isFalse();
    }
}
