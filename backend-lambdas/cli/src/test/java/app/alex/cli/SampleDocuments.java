package app.alex.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A few short documents on distinct finance topics, written in the formats the CLI reads. */
final class SampleDocuments {
    static final Map<String, String> FILES = Map.of(
            "dividends.md", """
                    # Dividend reinvestment

                    When a fund pays a dividend and the shares are reinvested, the broker records each reinvested
                    dividend as a new purchase lot at the reinvestment price. The cost basis of the new lot equals the
                    dividend amount, and the holding period of the lot starts on the reinvestment date.
                    """,
            "datacenter.txt", """
                    NVIDIA reported that data-center revenue rose sharply as cloud providers bought accelerators for
                    training large models. The data-center segment is now the largest part of the company's sales, and
                    management guided to further growth next quarter on strong demand for its GPUs.
                    """,
            "inventory.html", """
                    <html><head><title>Inventory accounting</title></head><body>
                    <nav>Home | About | Contact</nav>
                    <main><h1>Inventory accounting</h1>
                    <p>Under the first-in, first-out method, the oldest units of inventory are expensed first, so in a
                    period of rising prices the cost of goods sold is lower and reported profit is higher than under
                    last-in, first-out.</p></main>
                    <footer>Copyright</footer></body></html>
                    """,
            "rates.txt", """
                    The central bank held its policy rate steady and signalled that cuts would come only once inflation
                    moved back toward its two percent target. Bond yields fell after the announcement.
                    """);

    private SampleDocuments() {
    }

    static Path writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (var entry : FILES.entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
        }
        return folder;
    }
}
