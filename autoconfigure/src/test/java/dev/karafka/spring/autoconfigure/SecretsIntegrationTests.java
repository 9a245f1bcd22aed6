package dev.karafka.spring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that secrets given to karafka settings appear in no Actuator output and no log,
 * with a real application connected to a SASL_SSL SCRAM-SHA-512 listener.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=configprops,env,karafka",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"management.endpoint.karafka.show-values=always",
				"karafka.kafka[sasl.pasword]=" + SecretsIntegrationTests.MISSPELT_SECRET,
				"logging.level.org.apache.kafka.common.config.AbstractConfig=INFO" })
class SecretsIntegrationTests {

	static final String MISSPELT_SECRET = "misspelt-secret-hunter7";

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaAdmin admin;

	@DynamicPropertySource
	static void scramSettings(DynamicPropertyRegistry registry) {
		registry.add("karafka.kafka[bootstrap.servers]", () -> broker.bootstrapServers(Listener.SASL_SSL));
		registry.add("karafka.kafka[security.protocol]", () -> "SASL_SSL");
		registry.add("karafka.kafka[sasl.mechanisms]", () -> "SCRAM-SHA-512");
		registry.add("karafka.kafka[sasl.username]", broker::scramUsername);
		registry.add("karafka.kafka[sasl.password]", broker::scramPassword);
		registry.add("karafka.kafka[ssl.ca.pem]", () -> broker.certificates().caCertificatePem());
		registry.add("karafka.kafka[ssl.certificate.pem]", () -> broker.certificates().clientCertificatePem());
		registry.add("karafka.kafka[ssl.key.pem]", () -> broker.certificates().clientKeyPkcs8Pem());
	}

	@Test
	void actuatorShowsNoSecret(CapturedOutput output) throws Exception {
		String configprops = get("/actuator/configprops");
		String env = get("/actuator/env");
		String karafka = get("/actuator/karafka");
		assertThat(configprops).contains("\"prefix\":\"karafka\"")
			.contains("\"sasl.password\":\"******\"")
			.contains("\"sasl.pasword\":\"******\"");
		assertThat(env).contains("karafka.kafka[sasl.password]").contains("karafka.kafka[sasl.pasword]");
		assertThat(karafka).contains("\"sasl.jaas.config\"");
		assertThat(output.getAll()).contains("sasl.pasword");
		for (String body : new String[] { configprops, env, karafka, output.getAll() }) {
			assertThat(body).doesNotContain(broker.scramPassword())
				.doesNotContain(keyMaterial())
				.doesNotContain(MISSPELT_SECRET);
		}
	}

	@Test
	void clientsConnectedWithTheSecretsWithoutLoggingThem(CapturedOutput output) {
		assertThat(this.admin.clusterId()).isNotBlank();
		assertThat(output.getAll()).contains("sasl.jaas.config = [hidden]")
			.doesNotContain(broker.scramPassword())
			.doesNotContain(keyMaterial());
	}

	private static String keyMaterial() {
		String key = broker.certificates().clientKeyPkcs8Pem();
		return key.substring(key.indexOf('\n') + 1, key.indexOf('\n') + 41);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
