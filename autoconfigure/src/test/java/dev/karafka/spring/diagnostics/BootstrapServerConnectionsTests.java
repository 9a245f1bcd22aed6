package dev.karafka.spring.diagnostics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BootstrapServerConnections}, with real sockets on the loopback
 * interface.
 *
 * @author karafka-spring
 */
class BootstrapServerConnectionsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@Test
	void listeningPortIsReportedAccepted() throws IOException {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			String server = "127.0.0.1:" + listener.getLocalPort();
			assertThat(BootstrapServerConnections.probe(List.of(server), TIMEOUT))
				.containsExactly(server + ": TCP connection accepted, so something listens there: check that it is a "
						+ "Kafka listener and that security.protocol and the SASL mechanism match it");
		}
	}

	@Test
	void closedPortIsReportedRefused() throws IOException {
		String server = "localhost:" + closedPort();
		assertThat(BootstrapServerConnections.probe(List.of(server), TIMEOUT)).singleElement()
			.asString()
			.startsWith(server + ": connection refused: nothing listens on this port of ");
	}

	@Test
	void eachServerIsReportedInOrder() throws IOException {
		int closed = closedPort();
		List<String> lines = BootstrapServerConnections.probe(
				List.of("no-such-broker.invalid:9092", "[::1]:" + closed, "broker", "broker:port", "broker:70000"),
				TIMEOUT);
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).isEqualTo("no-such-broker.invalid:9092: the host does not resolve in DNS");
		assertThat(lines.get(1)).startsWith("[::1]:" + closed + ": ")
			.doesNotContain("not host:port")
			.doesNotContain("resolve");
		assertThat(lines.subList(2, 5)).containsExactly("broker: not host:port", "broker:port: not host:port",
				"broker:70000: not host:port");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
