package dev.karafka.spring.test.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Data directory of a {@link KafkaTestBroker}, holding its KRaft log directory and its
 * certificates: either a temporary directory deleted on close or one that is kept. A
 * temporary directory is named with its process's id, so that those of processes killed
 * before they could delete theirs are deleted by the next one. A kept directory is locked
 * ({@value #LOCK_FILE}) from before anything is written to it until the broker stops, so
 * that a second broker on it fails before touching the first one's data.
 *
 * @author karafka-spring
 */
final class BrokerStorage {

	private static final Logger logger = LoggerFactory.getLogger(KafkaTestBroker.class);

	private static final String PREFIX = "kafka-test-broker-";

	static final String LOCK_FILE = "broker.lock";

	private final Path directory;

	private final boolean temporary;

	private final @Nullable FileLock lock;

	private BrokerStorage(Path directory, boolean temporary, @Nullable FileLock lock) {
		this.directory = directory;
		this.temporary = temporary;
		this.lock = lock;
	}

	/**
	 * Return the storage in the given directory, or in a new temporary directory if none
	 * is given.
	 * @param directory the directory to keep, or {@code null}
	 * @return the storage
	 * @throws BrokerDataDirectoryInUseException if another running broker uses the
	 * directory
	 */
	static BrokerStorage of(@Nullable Path directory) {
		return (directory != null) ? new BrokerStorage(directory, false, lock(directory))
				: new BrokerStorage(createTempDirectory(), true, null);
	}

	private static FileLock lock(Path directory) {
		FileChannel channel = null;
		try {
			Files.createDirectories(directory);
			channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			FileLock lock = tryLock(channel);
			if (lock != null) {
				return lock;
			}
			channel.close();
			throw new BrokerDataDirectoryInUseException(directory);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new IllegalStateException("Failed to lock the Kafka test broker data directory " + directory, ex);
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
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

	/**
	 * Release the directory: delete it if temporary, unlock it otherwise.
	 */
	void release() {
		if (this.lock != null) {
			closeQuietly(this.lock.channel());
		}
		deleteIfTemporary();
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				logger.debug("Failed to close the lock of a Kafka test broker data directory", ex);
			}
		}
	}

	private void deleteIfTemporary() {
		if (this.temporary) {
			try {
				Utils.delete(this.directory.toFile());
			}
			catch (IOException ex) {
				logger.warn("Failed to delete Kafka test broker data directory {}", this.directory, ex);
			}
		}
	}

	/**
	 * Create a temporary directory named with this process's id, deleting first those
	 * that processes which no longer run left behind (killed, they never deleted theirs).
	 */
	private static Path createTempDirectory() {
		try {
			Path directory = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
			deleteLeftOvers(directory.getParent());
			return directory;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Failed to create a data directory for the Kafka test broker", ex);
		}
	}

	private static void deleteLeftOvers(Path temporaryDirectory) throws IOException {
		try (Stream<Path> candidates = Files.list(temporaryDirectory)) {
			candidates.filter(BrokerStorage::isLeftOver).forEach((leftOver) -> {
				try {
					Utils.delete(leftOver.toFile());
				}
				catch (IOException ex) {
					logger.debug("Failed to delete left-over Kafka test broker data directory {}", leftOver, ex);
				}
			});
		}
	}

	/**
	 * Return whether a path is the data directory of a process that no longer runs:
	 * {@code kafka-test-broker-<pid>-<random>}.
	 */
	static boolean isLeftOver(Path path) {
		String name = path.getFileName().toString();
		if (!name.startsWith(PREFIX) || !Files.isDirectory(path)) {
			return false;
		}
		String rest = name.substring(PREFIX.length());
		int end = rest.indexOf('-');
		if (end <= 0 || !rest.substring(0, end).chars().allMatch(Character::isDigit)) {
			return false;
		}
		return ProcessHandle.of(Long.parseLong(rest.substring(0, end))).isEmpty();
	}

}
