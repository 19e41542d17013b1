package app.alex.desktop.backend;

import app.alex.core.error.AlexException;
import app.alex.desktop.config.Settings;
import app.alex.desktop.testing.InMemoryKnowledgeBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyBackendFactoryTest {
    private final List<Settings> opened = new CopyOnWriteArrayList<>();

    private BackendSession session(Settings settings, AtomicBoolean closed) {
        opened.add(settings);
        var kb = new InMemoryKnowledgeBase();
        return new BackendSession(settings.backend().mode(), settings.backend().dataDir(), kb, new UnavailableResearcher(),
                new PipelineIngestor(kb), () -> closed.set(true));
    }

    @Test
    void theFirstOpenForTheSameSettingsTakesTheSessionOpenedEarlyAndLaterOpensAreNew() {
        var settings = Settings.defaults();
        var factory = EarlyBackendFactory.begin(s -> session(s, new AtomicBoolean()), settings);
        BackendSession first = factory.open(settings);
        BackendSession second = factory.open(settings);
        assertThat(first).isNotSameAs(second);
        assertThat(opened).hasSize(2);
    }

    @Test
    void otherSettingsCloseTheEarlySessionBeforeOpeningTheirs() {
        var early = Settings.defaults();
        var other = early.withBackend(new Settings.Backend(Settings.Mode.EMBEDDED, "/elsewhere", early.backend().apiUrl(),
                early.backend().apiKey(), early.backend().researcherUrl(), early.backend().fastEmbedding()));
        var earlyClosed = new AtomicBoolean();
        var factory = EarlyBackendFactory.begin(s -> session(s, s.equals(early) ? earlyClosed : new AtomicBoolean()), early);
        BackendSession session = factory.open(other);
        assertThat(session.location()).isEqualTo("/elsewhere");
        assertThat(earlyClosed).isTrue();
        assertThat(opened).containsExactly(early, other);
    }

    @Test
    void aFailureToOpenEarlyIsReportedByTheFirstOpenAsItIs() {
        var settings = Settings.defaults();
        var refused = AlexException.badRequest("folder in use");
        var attempts = new CopyOnWriteArrayList<Settings>();
        var factory = EarlyBackendFactory.begin(s -> {
            attempts.add(s);
            throw refused;
        }, settings);
        assertThatThrownBy(() -> factory.open(settings)).isSameAs(refused);
        assertThat(attempts).hasSize(1);
    }
}
