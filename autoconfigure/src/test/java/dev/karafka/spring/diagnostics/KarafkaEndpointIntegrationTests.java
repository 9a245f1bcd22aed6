package dev.karafka.spring.diagnostics;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests of the {@code karafka} endpoint over real HTTP, against the SSL
 * listener (client certificates) of a broker where the application's principal holds only
 * PREFIXED ACLs, the application being configured by Heroku's variables only.
 *
 * @author karafka-spring
 */
class KarafkaEndpointIntegrationTests {

	private static final String PREFIX = "smoothboulder-1234.";

	private static final String JAAS_PASSWORD = "jaas-secret-4711";

	private static KafkaTestBroker broker;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startBrokerWithPrefixedAcls() throws Exception {
		broker = KafkaTestBroker.builder().listeners(Listener.SSL).authorizer(false).start();
		try (Admin admin = broker.createAdmin()) {
			admin.createAcls(List.of(prefixedAcl(ResourceType.TOPIC), prefixedAcl(ResourceType.GROUP)))
				.all()
				.get(30, TimeUnit.SECONDS);
			admin.createTopics(List.of(new NewTopic(PREFIX + "orders", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void endpointShowsClusterNamesAndLagWithoutSecrets() throws Exception {
		TestCertificates certificates = broker.certificates();
		try (ConfigurableApplicationContext context = herokuApplication()
			.properties("management.endpoint.karafka.show-values=always", "karafka.readiness.cache-time-to-live=0s",
					"karafka.initial-offset=earliest",
					"spring.kafka.properties[sasl.jaas.config]=org.apache.kafka.common.security.plain.PlainLoginModule"
							+ " required username=\"orders\" password=\"" + JAAS_PASSWORD + "\";")
			.run()) {
			MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("orders");
			await().atMost(Duration.ofSeconds(90)).until(() -> container.getAssignedPartitions().size() == 2);
			KafkaTemplate<String, String> template = context.getBean(KafkaTemplate.class);
			send(template, 0, 1);
			send(template, 1, 1);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> context.getBean(OrdersApplication.class).consumed.get() == 2);
			container.pause();
			await().atMost(Duration.ofSeconds(60)).until(container::isContainerPaused);
			send(template, 0, 3);
			send(template, 1, 2);
			String clusterId;
			try (Admin admin = broker.createAdmin()) {
				clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				DocumentContext body = JsonPath.parse(get(context));
				List<Object> partitions = body.read("$.listeners.orders.topics[0].partitions");
				assertThat(partitions).as(() -> body.read("$.listeners.orders.group").toString())
					.containsExactly(partition(0, 1, 4, 3), partition(1, 1, 3, 2));
			});
			String json = get(context);
			DocumentContext body = JsonPath.parse(json);
			assertThat(body.read("$.cluster.available", Boolean.class)).isTrue();
			assertThat(body.read("$.cluster.id", String.class)).isEqualTo(clusterId);
			assertThat(body.read("$.cluster.brokers[0].port", Integer.class))
				.isEqualTo(Integer.parseInt(broker.bootstrapServers(Listener.SSL).split(":")[1]));
			assertThat(body.read("$.cluster.controller", Map.class)).isNotNull();
			assertThat(body.read("$.platform", String.class)).isEqualTo("heroku");
			assertThat(body.read("$.prefix", String.class)).isEqualTo(PREFIX);
			assertThat(body.read("$.listeners.orders.state", String.class)).isEqualTo("paused");
			assertThat(body.read("$.listeners.orders.group.logical", String.class)).isEqualTo("orders-service");
			assertThat(body.read("$.listeners.orders.group.physical", String.class))
				.isEqualTo(PREFIX + "orders-service");
			assertThat(body.read("$.listeners.orders.group.members", Integer.class)).isOne();
			assertThat(body.read("$.listeners.orders.topics[0].logical", String.class)).isEqualTo("orders");
			assertThat(body.read("$.listeners.orders.topics[0].physical", String.class)).isEqualTo(PREFIX + "orders");
			assertThat(body.read("$.clients.consumer['security.protocol']", String.class)).isEqualTo("SSL");
			assertThat(body.read("$.clients.producer['sasl.jaas.config']", String.class)).isEqualTo("******");
			assertThat(json).doesNotContain(JAAS_PASSWORD)
				.doesNotContain(keyBody(certificates.clientKeyPkcs1Pem()))
				.doesNotContain(keyBody(certificates.clientKeyPkcs8Pem()));
		}
	}

	@Test
	void valuesAreMaskedByDefault() throws Exception {
		try (ConfigurableApplicationContext context = herokuApplication().run()) {
			DocumentContext body = JsonPath.parse(get(context));
			assertThat(body.read("$.clients.consumer", Map.class)).isNotEmpty()
				.allSatisfy((key, value) -> assertThat(value).isEqualTo("******"));
			assertThat(body.read("$.listeners.orders.group.physical", String.class))
				.isEqualTo(PREFIX + "orders-service");
		}
	}

	@Test
	void stoppedListenerSaysWhy() throws Exception {
		try (ConfigurableApplicationContext context = herokuApplication().run()) {
			MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("orders");
			await().atMost(Duration.ofSeconds(90)).until(() -> container.getAssignedPartitions().size() == 2);
			assertThat(JsonPath.parse(get(context)).read("$.listeners.orders.state", String.class))
				.isEqualTo("running");
			container.stop();
			DocumentContext body = JsonPath.parse(get(context));
			assertThat(body.read("$.listeners.orders.state", String.class)).isEqualTo("stopped");
			assertThat(body.read("$.listeners.orders.stopReason", String.class)).isEqualTo("normal");
		}
	}

	@Test
	void topicAndGroupDeniedWithoutThePrefixNameThePrefixInTheirHints() throws Exception {
		try (ConfigurableApplicationContext context = herokuApplication().properties("karafka.prefix=").run()) {
			DocumentContext body = JsonPath.parse(get(context));
			assertThat(body.read("$.cluster.available", Boolean.class)).isTrue();
			assertThat(body.read("$.prefix", String.class)).isEmpty();
			assertThat(body.read("$.listeners.orders.topics[0].physical", String.class)).isEqualTo("orders");
			assertThat(body.read("$.listeners.orders.topics[0].failure.cause", String.class))
				.isEqualTo("topic-authorization");
			assertThat(body.read("$.listeners.orders.topics[0].failure.hint", String.class)).contains("topics [orders]",
					"karafka.prefix is empty");
			assertThat(body.read("$.listeners.orders.group.failure.cause", String.class))
				.isEqualTo("group-authorization");
			assertThat(body.read("$.listeners.orders.group.failure.hint", String.class))
				.contains("heroku kafka:consumer-groups:create orders-service'");
		}
	}

	@Test
	void unreachableClusterAnswersWithinTheTimeoutWithTheInProcessParts() throws Exception {
		try (ConfigurableApplicationContext context = application()
			.properties("karafka.bootstrap-servers=127.0.0.1:" + closedPort(), "karafka.readiness.timeout=3s")
			.run()) {
			long started = System.nanoTime();
			DocumentContext body = JsonPath.parse(get(context));
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(elapsed).isLessThan(Duration.ofSeconds(6));
			assertThat(body.read("$.cluster.available", Boolean.class)).isFalse();
			assertThat(body.read("$.cluster.failure.cause", String.class)).isEqualTo("unreachable");
			assertThat(body.read("$.cluster.failure.hint", String.class)).contains("bootstrap.servers");
			assertThat(body.read("$.platform", String.class)).isEqualTo("plaintext");
			assertThat(body.read("$.listeners.orders.group.logical", String.class)).isEqualTo("orders-service");
			assertThat(body.read("$.listeners.orders.topics[0].logical", String.class)).isEqualTo("orders");
			assertThat(body.read("$.clients.admin", Map.class)).containsKey("bootstrap.servers");
		}
	}

	private static SpringApplicationBuilder herokuApplication() {
		TestCertificates certificates = broker.certificates();
		return application().properties("KAFKA_URL=kafka+ssl://" + broker.bootstrapServers(Listener.SSL),
				"KAFKA_TRUSTED_CERT=" + certificates.caCertificatePem(),
				"KAFKA_CLIENT_CERT=" + certificates.clientCertificatePem(),
				"KAFKA_CLIENT_CERT_KEY=" + certificates.clientKeyPkcs1Pem(), "KAFKA_PREFIX=" + PREFIX);
	}

	private static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(OrdersApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "management.endpoints.web.exposure.include=karafka");
	}

	private String get(ConfigurableApplicationContext context) throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/karafka"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static void send(KafkaTemplate<String, String> template, int partition, int records) throws Exception {
		for (int i = 0; i < records; i++) {
			template.send("orders", partition, null, "order-" + i).get(30, TimeUnit.SECONDS);
		}
	}

	private static Map<String, Object> partition(int partition, long committed, long end, long lag) {
		return Map.of("partition", partition, "assigned", true, "committedOffset", (int) committed, "endOffset",
				(int) end, "lag", (int) lag);
	}

	private static String keyBody(String pem) {
		String[] lines = pem.strip().split("\n");
		return lines[lines.length / 2];
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static AclBinding prefixedAcl(ResourceType type) {
		return new AclBinding(new ResourcePattern(type, PREFIX, PatternType.PREFIXED),
				new AccessControlEntry("User:CN=karafka-client", "*", AclOperation.ALL, AclPermissionType.ALLOW));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OrdersApplication {

		final AtomicInteger consumed = new AtomicInteger();

		@KafkaListener(id = "orders", topics = "orders", groupId = "orders-service")
		void consume(String order) {
			this.consumed.incrementAndGet();
		}

	}

}
