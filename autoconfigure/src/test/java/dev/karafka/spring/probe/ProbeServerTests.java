package dev.karafka.spring.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProbeServer}, over real HTTP on a random port.
 *
 * @author karafka-spring
 */
class ProbeServerTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final List<ProbeServer> servers = new ArrayList<>();

	@AfterEach
	void stopServers() {
		this.servers.forEach(ProbeServer::stop);
	}

	@Test
	void getIsAnsweredByTheEndpointWithItsPathSegmentsAcceptAndQuery() throws Exception {
		AtomicReference<ProbeRequest> received = new AtomicReference<>();
		ProbeServer server = start(new TestEndpoint("/actuator/health", (request) -> {
			received.set(request);
			return new ProbeResponse(200, "text/plain", "fine".getBytes(StandardCharsets.UTF_8));
		}));
		HttpResponse<String> response = send(server, "GET", "/actuator/health/liveness/a%20b?includedNames=x,y&z",
				"text/plain");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(response.body()).isEqualTo("fine");
		assertThat(received.get().path()).isEqualTo("/actuator/health");
		assertThat(received.get().pathSegments()).containsExactly("liveness", "a b");
		assertThat(received.get().accept()).containsExactly("text/plain");
		assertThat(received.get().query()).containsEntry("includedNames", List.of("x,y"))
			.containsEntry("z", List.of(""));
	}

	@Test
	void headHasTheStatusWithoutBody() throws Exception {
		ProbeServer server = start(new TestEndpoint("/actuator/health",
				(request) -> new ProbeResponse(503, "application/json", "{}".getBytes(StandardCharsets.UTF_8))));
		HttpResponse<String> response = send(server, "HEAD", "/actuator/health", "*/*");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void otherMethodsAreNotAllowed() throws Exception {
		ProbeServer server = start(new TestEndpoint("/actuator/health", (request) -> ProbeResponse.of(200)));
		HttpResponse<String> response = send(server, "POST", "/actuator/health", "*/*");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
	}

	@Test
	void pathsThatOnlyStartLikeTheEndpointAreNotFound() throws Exception {
		ProbeServer server = start(new TestEndpoint("/actuator/health", (request) -> ProbeResponse.of(200)));
		assertThat(send(server, "GET", "/actuator/healthz", "*/*").statusCode()).isEqualTo(404);
		assertThat(send(server, "GET", "/actuator", "*/*").statusCode()).isEqualTo(404);
	}

	@Test
	void failingEndpointAnswers500AndTheServerKeepsServing() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ProbeServer server = start(new TestEndpoint("/actuator/health", (request) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("broken");
			}
			return ProbeResponse.of(200);
		}));
		assertThat(send(server, "GET", "/actuator/health", "*/*").statusCode()).isEqualTo(500);
		assertThat(send(server, "GET", "/actuator/health", "*/*").statusCode()).isEqualTo(200);
	}

	@Test
	void requestBeyondThePoolAndItsQueueIsClosedUnansweredWhileTheOthersWait() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		ProbeServer server = start(new TestEndpoint("/slow", (request) -> {
			running.incrementAndGet();
			try {
				release.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return ProbeResponse.of(200);
		}));
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 4 + 64 + 1; i++) {
			responses.add(sendAsync(server, "/slow"));
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> responses.stream().filter(CompletableFuture::isCompletedExceptionally).count() == 1);
		assertThat(running.get()).isEqualTo(4);
		CompletableFuture<HttpResponse<String>> rejected = responses.stream()
			.filter(CompletableFuture::isCompletedExceptionally)
			.findFirst()
			.orElseThrow();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(rejected::get)
			.withCauseInstanceOf(IOException.class);
		release.countDown();
		responses.remove(rejected);
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(running.get()).isEqualTo(4 + 64);
	}

	@Test
	void busyPortIsReportedWithItsProperty() throws IOException {
		try (ServerSocket occupied = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			ProbeServer server = new ProbeServer(InetAddress.getLoopbackAddress(), occupied.getLocalPort(),
					"management.server.port", List.of());
			assertThatExceptionOfType(ProbeServerPortInUseException.class).isThrownBy(server::start).satisfies((ex) -> {
				assertThat(ex.getPort()).isEqualTo(occupied.getLocalPort());
				assertThat(ex.getPortProperty()).isEqualTo("management.server.port");
			});
			assertThat(server.isRunning()).isFalse();
		}
	}

	@Test
	void stopReleasesThePort() throws Exception {
		ProbeServer server = start(new TestEndpoint("/actuator/health", (request) -> ProbeResponse.of(200)));
		int port = server.getPort();
		server.stop();
		assertThat(server.isRunning()).isFalse();
		assertThat(server.getPort()).isEqualTo(-1);
		try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
			assertThat(again.getLocalPort()).isEqualTo(port);
		}
	}

	private ProbeServer start(ProbeEndpoint endpoint) {
		ProbeServer server = new ProbeServer(InetAddress.getLoopbackAddress(), 0, "server.port", List.of(endpoint));
		server.start();
		this.servers.add(server);
		return server;
	}

	private HttpResponse<String> send(ProbeServer server, String method, String path, String accept) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(server, path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private CompletableFuture<HttpResponse<String>> sendAsync(ProbeServer server, String path) {
		return HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ProbeServer server, String path) {
		return URI.create("http://127.0.0.1:" + server.getPort() + path);
	}

	private record TestEndpoint(String path, Function<ProbeRequest, ProbeResponse> responder) implements ProbeEndpoint {

		@Override
		public List<String> getPaths() {
			return List.of(this.path);
		}

		@Override
		public ProbeResponse respond(ProbeRequest request) {
			return this.responder.apply(request);
		}

	}

}
