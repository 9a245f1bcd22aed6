package dev.karafka.spring.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The systemd units of {@code docs/deploy/systemd} pass {@code systemd-analyze verify}
 * and say what the guide says they do.
 *
 * @author karafka-spring
 */
class SystemdUnitsTests {

	private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

	private static final Path SYSTEMD = DocsFiles.DEPLOY.resolve("systemd");

	@TempDir
	Path temp;

	/**
	 * {@code systemd-analyze verify} refuses a unit whose {@code ExecStart} binary does
	 * not exist, and Java is not installed at {@code /usr/bin/java} everywhere the build
	 * runs. The unit is therefore verified as a copy, under its own name, whose
	 * {@code ExecStart} runs {@code /bin/true} with the same arguments. Unknown keys and
	 * values that do not parse are only warnings for systemd, so any message about the
	 * unit fails the test too.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "karafka-app.service", "karafka-app@.service" })
	void unitPassesSystemdAnalyzeVerify(String unit) throws Exception {
		assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), "systemd-analyze is not installed: units are not verified");
		String content = Files.readString(SYSTEMD.resolve(unit), StandardCharsets.UTF_8);
		Path copy = this.temp.resolve(unit);
		Files.writeString(copy, content.replace("ExecStart=/usr/bin/java ", "ExecStart=/bin/true "),
				StandardCharsets.UTF_8);
		Process process = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", copy.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output.lines().filter((line) -> line.contains(unit)).toList()).as(output).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka-app.service", "karafka-app@.service" })
	void unitCountsJavasSigtermExitAsSuccessAndRestartsOnFailure(String unit) throws IOException {
		assertThat(directives(unit)).contains("SuccessExitStatus=143", "Restart=on-failure", "KillSignal=SIGTERM",
				"StandardOutput=journal", "User=deploy");
	}

	@ParameterizedTest
	@ValueSource(strings = { "karafka-app.service", "karafka-app@.service" })
	void unitWaitsLongerThanSpringsGracefulShutdownPhase(String unit) throws IOException {
		int timeoutStopSec = directives(unit).stream()
			.filter((line) -> line.startsWith("TimeoutStopSec="))
			.map((line) -> Integer.parseInt(line.substring("TimeoutStopSec=".length())))
			.findFirst()
			.orElseThrow();
		assertThat(timeoutStopSec).isGreaterThan(SpringShutdown.SHUTDOWN_PHASE_SECONDS);
	}

	private static List<String> directives(String unit) throws IOException {
		return Files.readAllLines(SYSTEMD.resolve(unit), StandardCharsets.UTF_8)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.startsWith("#"))
			.toList();
	}

}
