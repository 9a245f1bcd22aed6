package dev.karafka.spring.test.broker;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BrokerStorage}'s temporary directories.
 *
 * @author karafka-spring
 */
class BrokerStorageTests {

	@Test
	void temporaryDirectoryIsNamedWithThisProcessAndDeletesThoseOfEndedProcesses() throws Exception {
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
		Path leftOver = Files.createDirectories(temporary.resolve("kafka-test-broker-" + ended.pid() + "-left"));
		Files.writeString(leftOver.resolve("meta.properties"), "node.id=1");
		Path running = Files
			.createDirectories(temporary.resolve("kafka-test-broker-" + ProcessHandle.current().pid() + "-other"));
		BrokerStorage storage = BrokerStorage.of(null);
		try {
			assertThat(storage.directory().getFileName().toString())
				.startsWith("kafka-test-broker-" + ProcessHandle.current().pid() + "-");
			assertThat(leftOver).doesNotExist();
			assertThat(running).isDirectory();
		}
		finally {
			storage.release();
			Files.deleteIfExists(running);
		}
		assertThat(storage.directory()).doesNotExist();
	}

}
