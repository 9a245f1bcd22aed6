package dev.karafka.spring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that secrets given as environment variables, as container guides suggest
 * ({@code KARAFKA_KAFKA_SASL_PASSWORD}, {@code KARAFKA_KAFKA_SSL_KEY_PEM}, or inside
 * {@code SPRING_APPLICATION_JSON}), appear in no Actuator endpoint and no log, with a
 * real application connected to the SASL_SSL SCRAM-SHA-512 listener (with a client
 * certificate) through them. The variables are Boot's
 * {@link SystemEnvironmentPropertySource}, so they bind with relaxed binding exactly as
 * real environment variables do.
 *
 * @author karafka-spring
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoints.web.exposure.include=configprops,env",
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"logging.level.org.apache.kafka.common.config.AbstractConfig=INFO" })
@ContextConfiguration(initializers = EnvironmentSecretsIntegrationTests.EnvironmentVariables.class)
class EnvironmentSecretsIntegrationTests {

	private static final KafkaTestBroker broker = KafkaTestBroker.shared();

	private static final String PASSPHRASE = "passphrase-that-must-not-show";

	private static final String JSON_SECRET = "json-secret-that-must-not-show";

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private KafkaAdmin admin;

	@Test
	void clientsConnectWithTheSecretsOfTheEnvironment() {
		assertThat(this.admin.clusterId()).isNotBlank();
	}

	@Test
	void actuatorAndLogShowNoSecretOfTheEnvironment(CapturedOutput output) throws Exception {
		String env = get("/actuator/env");
		assertThat(env).contains("KARAFKA_KAFKA_SASL_PASSWORD")
			.contains("KARAFKA_KAFKA_SSL_KEY_PEM")
			.contains("KARAFKA_KAFKA_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE")
			.contains("SPRING_APPLICATION_JSON");
		String configprops = get("/actuator/configprops");
		assertThat(configprops).contains("\"sasl.password\":\"******\"").contains("\"ssl.key.pem\":\"******\"");
		List<String> bodies = List.of(env, configprops, get("/actuator/configprops/karafka"),
				get("/actuator/env/KARAFKA_KAFKA_SSL_KEY_PEM"), get("/actuator/env/KARAFKA_KAFKA_SASL_PASSWORD"),
				get("/actuator/env/karafka.kafka.sasl.password"), get("/actuator/env/karafka.kafka.ssl.key.pem"),
				get("/actuator/env/KARAFKA_KAFKA_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE"),
				get("/actuator/env/SPRING_APPLICATION_JSON"), output.getAll());
		for (String body : bodies) {
			assertThat(body).doesNotContain(broker.scramPassword())
				.doesNotContain(keyMaterial())
				.doesNotContain(PASSPHRASE)
				.doesNotContain(JSON_SECRET);
		}
		assertThat(output.getAll()).contains("karafka.kafka.ssl.key.pem")
			.contains("whose line breaks were written as a literal");
	}

	private static String keyMaterial() {
		String key = broker.certificates().clientKeyPkcs8Pem();
		return key.substring(key.indexOf('\n') + 1, key.indexOf('\n') + 41);
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	static class EnvironmentVariables implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			Map<String, Object> variables = new LinkedHashMap<>(System.getenv());
			variables.put("KARAFKA_KAFKA_BOOTSTRAP_SERVERS",
					"sasl_ssl://" + broker.bootstrapServers(Listener.SASL_SSL));
			variables.put("KARAFKA_KAFKA_SASL_MECHANISMS", "SCRAM-SHA-512");
			variables.put("KARAFKA_KAFKA_SASL_USERNAME", broker.scramUsername());
			variables.put("KARAFKA_KAFKA_SASL_PASSWORD", broker.scramPassword());
			variables.put("KARAFKA_KAFKA_SSL_CA_PEM", broker.certificates().caCertificatePem());
			variables.put("KARAFKA_KAFKA_SSL_CERTIFICATE_PEM", broker.certificates().clientCertificatePem());
			variables.put("KARAFKA_KAFKA_SSL_KEY_PEM", broker.certificates().clientKeyPkcs8Pem().replace("\n", "\\n"));
			variables.put("KARAFKA_KAFKA_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE", PASSPHRASE);
			variables.put("SPRING_APPLICATION_JSON", "{\"payments\":{\"api\":{\"password\":\"" + JSON_SECRET + "\"}}}");
			context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								variables));
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
