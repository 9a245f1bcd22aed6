package dev.karafka.spring.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The table of results the scenarios produced: one row file per scenario under
 * {@code rows/}, gathered in {@code results.md} after each row, so that the table is
 * written by the suite, never typed.
 */
final class ResultsTable {

	private static final String HEADER = """
			| Scenario | Produced | Lost | Duplicated | Rebalances | Partitions revoked | Disruption | Recovery |
			| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
			""";

	private ResultsTable() {
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	/**
	 * Write the row of a scenario and rewrite {@code results.md} with every row there is.
	 * @param directory the results directory
	 * @param id the scenario's id, which orders the rows
	 * @param scenario what the row shows
	 * @param tally what the scenario counted
	 */
	static synchronized void add(Path directory, String id, String scenario, Tally tally) {
		String row = String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f s | %.1f s |%n", scenario,
				tally.produced(), tally.lost(), tally.duplicated(), tally.rebalances(), tally.revoked(),
				seconds(tally.disruption()), seconds(tally.recovery()));
		try {
			Path rows = Files.createDirectories(directory.resolve("rows"));
			Files.writeString(rows.resolve(id + ".md"), row);
			List<String> lines = new ArrayList<>();
			try (Stream<Path> files = Files.list(rows)) {
				for (Path file : files.sorted().toList()) {
					lines.add(Files.readString(file));
				}
			}
			Files.writeString(directory.resolve("results.md"), HEADER + String.join("", lines));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Failed to write the results in " + directory, ex);
		}
	}

}
