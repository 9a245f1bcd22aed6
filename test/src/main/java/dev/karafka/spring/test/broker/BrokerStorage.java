package dev.karafka.spring.test.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data directory of a {@link KafkaTestBroker}, holding its KRaft log directory and its
 * certificates: either a temporary directory deleted on close or one that is kept.
 *
 * @author karafka-spring
 */
final class BrokerStorage {

	private static final Logger logger = LoggerFactory.getLogger(KafkaTestBroker.class);

	private final Path directory;

	private final boolean temporary;

	private BrokerStorage(Path directory, boolean temporary) {
		this.directory = directory;
		this.temporary = temporary;
	}

	/**
	 * Return the storage in the given directory, or in a new temporary directory if none
	 * is given.
	 * @param directory the directory to keep, or {@code null}
	 * @return the storage
	 */
	static BrokerStorage of(@Nullable Path directory) {
		return (directory != null) ? new BrokerStorage(directory, false)
				: new BrokerStorage(createTempDirectory(), true);
	}

	Path directory() {
		return this.directory;
	}

	Path logDirectory() {
		return this.directory.resolve("kafka");
	}

	Path certificatesDirectory() {
		return this.directory.resolve("certificates");
	}

	boolean isFormatted() {
		return Files.exists(logDirectory().resolve("meta.properties"));
	}

	/**
	 * Format the log directory for a new single-node cluster with the given SCRAM user.
	 * @param scramUsername the name of the SCRAM user
	 * @param scramPassword the password of the SCRAM user
	 */
	void format(String scramUsername, String scramPassword) {
		String logDirectory = logDirectory().toString();
		String scramUser = BrokerServerProperties.SCRAM_MECHANISM + "=[name=" + scramUsername + ",password="
				+ scramPassword + "]";
		try {
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(BrokerServerProperties.NODE_ID)
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName(BrokerServerProperties.CONTROLLER_LISTENER)
				.setMetadataLogDirectory(logDirectory)
				.addDirectory(logDirectory)
				.setScramArguments(List.of(scramUser))
				.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Failed to format Kafka storage in " + logDirectory, ex);
		}
	}

	void deleteIfTemporary() {
		if (this.temporary) {
			try {
				Utils.delete(this.directory.toFile());
			}
			catch (IOException ex) {
				logger.warn("Failed to delete Kafka test broker data directory {}", this.directory, ex);
			}
		}
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("kafka-test-broker-");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Failed to create a data directory for the Kafka test broker", ex);
		}
	}

}
