package app.alex.edgar.testing;

import app.alex.edgar.Edgar;
import app.alex.edgar.EdgarConfig;
import app.alex.edgar.http.EdgarClient;

import java.net.http.HttpClient;

/** An EDGAR client on fake time: pacing and back-off are recorded, never waited for. */
public final class TestEdgar {
    private TestEdgar() {
    }

    public static EdgarClient client(EdgarConfig config, FakeTime time) {
        return new EdgarClient(config, HttpClient.newHttpClient(), time.pacer(10), time, EdgarClient.DEFAULT_ATTEMPTS);
    }

    public static Edgar edgar(LoopbackEdgar server, FakeTime time) {
        return new Edgar(client(server.config(), time));
    }
}
