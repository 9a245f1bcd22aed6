package dev.karafka.spring.test.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.apache.kafka.common.utils.Utils;

/**
 * Picks the ports of a {@link KafkaTestBroker}'s listeners on the loopback address: a
 * free one for each listener without a fixed port, and a check that fixed ones are free.
 *
 * @author karafka-spring
 */
final class BrokerPorts {

	private BrokerPorts() {
	}

	/**
	 * Reserve a port for the controller listener, the internal listener and each of the
	 * given listeners, then release them all for the broker to bind.
	 * @param listeners the listeners opened for clients
	 * @param fixedPorts the fixed ports of some of those listeners
	 * @return the ports by broker listener name, controller and internal listeners first
	 * @throws IllegalStateException if a fixed port is in use
	 */
	static Map<String, Integer> reserve(Set<Listener> listeners, Map<Listener, Integer> fixedPorts) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			ports.put(BrokerServerProperties.CONTROLLER_LISTENER,
					reservePort(sockets, BrokerServerProperties.CONTROLLER_LISTENER, 0));
			ports.put(BrokerServerProperties.INTERNAL_LISTENER,
					reservePort(sockets, BrokerServerProperties.INTERNAL_LISTENER, 0));
			for (Listener listener : listeners) {
				int port = fixedPorts.getOrDefault(listener, 0);
				ports.put(listener.listenerName(), reservePort(sockets, listener.name(), port));
			}
			return ports;
		}
		finally {
			sockets.forEach((socket) -> Utils.closeQuietly(socket, "port reservation"));
		}
	}

	private static int reservePort(List<ServerSocket> sockets, String listener, int port) {
		try {
			ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
			sockets.add(socket);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Port " + port + " for listener " + listener + " is already in use", ex);
		}
	}

}
