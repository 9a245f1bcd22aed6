package dev.karafka.spring.docs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Heroku assets of {@code docs/deploy/heroku}.
 *
 * @author karafka-spring
 */
class HerokuAssetsTests {

	@Test
	void systemPropertiesAskForJava17() throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(DocsFiles.DEPLOY.resolve("heroku/system.properties"))) {
			properties.load(reader);
		}
		assertThat(properties).containsEntry("java.runtime.version", "17");
	}

	@Test
	void procfileRunsTheJarAsWebAndWorkerProcesses() throws IOException {
		List<String> processes = Files.readAllLines(DocsFiles.DEPLOY.resolve("heroku/Procfile"),
				StandardCharsets.UTF_8);
		assertThat(processes).hasSize(2)
			.allSatisfy((process) -> assertThat(process).contains("java $JAVA_OPTS -jar target/app.jar"));
		assertThat(processes.get(0)).startsWith("web: ").contains("--server.port=$PORT");
		assertThat(processes.get(1)).startsWith("worker: ");
	}

}
