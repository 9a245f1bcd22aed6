package dev.karafka.spring.diagnostics;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Utils;

import org.springframework.util.Assert;

/**
 * Tries a TCP connection to each bootstrap server and says what happened, for a cluster
 * that did not answer: the Kafka client reports a refused port, a dropped connection and
 * a listener of the other security protocol alike, as a timeout
 * ({@code org.apache.kafka.clients.NetworkClient} logs "Node may not be available" for
 * each). Servers are read as the Java client reads them (Kafka's {@link Utils#getHost}
 * and {@link Utils#getPort}). Nothing is sent over the connection; it is closed at once.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class BootstrapServerConnections {

	private BootstrapServerConnections() {
	}

	/**
	 * Try a TCP connection to each of the given servers, one after the other.
	 * @param servers the servers as {@code bootstrap.servers} lists them
	 * ({@code host:port}, IPv6 hosts in brackets)
	 * @param timeout how long to wait for each connection
	 * @return one line per server: the server, then what the connection found (refused,
	 * no answer within the timeout, unknown host, or accepted)
	 */
	public static List<String> probe(List<String> servers, Duration timeout) {
		Assert.notNull(servers, "'servers' must not be null");
		Assert.notNull(timeout, "'timeout' must not be null");
		List<String> results = new ArrayList<>();
		for (String server : servers) {
			results.add(server + ": " + connect(server.strip(), timeout));
		}
		return results;
	}

	private static String connect(String server, Duration timeout) {
		String host = Utils.getHost(server);
		Integer port = Utils.getPort(server);
		if (host == null || port == null || port < 1 || port > 65535) {
			return "not host:port";
		}
		InetSocketAddress address = new InetSocketAddress(host, port);
		if (address.isUnresolved()) {
			return "the host does not resolve in DNS";
		}
		try (Socket socket = new Socket()) {
			socket.connect(address, (int) timeout.toMillis());
			return "TCP connection accepted, so something listens there: check that it is a Kafka listener and "
					+ "that security.protocol and the SASL mechanism match it";
		}
		catch (ConnectException ex) {
			return "connection refused: nothing listens on this port of " + address.getAddress().getHostAddress();
		}
		catch (SocketTimeoutException ex) {
			return "no TCP answer within " + timeout.toMillis()
					+ " ms: a firewall or security group drops the connection, or the host is wrong";
		}
		catch (IOException ex) {
			return "TCP connection failed: " + ex.getMessage();
		}
	}

}
