package dev.karafka.spring.test.broker;

import java.nio.file.Path;

/**
 * Thrown when a {@link KafkaTestBroker} is started on a data directory that another
 * running broker uses, of another process or of this one. Nothing of the directory has
 * been changed: the other broker keeps running on it.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public class BrokerDataDirectoryInUseException extends IllegalStateException {

	private final Path directory;

	BrokerDataDirectoryInUseException(Path directory) {
		super("The Kafka test broker data directory " + directory + " is in use by another running broker");
		this.directory = directory;
	}

	/**
	 * Return the data directory in use.
	 * @return the directory
	 */
	public Path getDirectory() {
		return this.directory;
	}

}
