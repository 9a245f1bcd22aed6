package dev.karafka.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.karafka.spring.test.broker.KafkaTestBroker;
import dev.karafka.spring.test.broker.KafkaTestBroker.Listener;
import dev.karafka.spring.test.broker.KafkaTestBrokerExtension;
import dev.karafka.spring.test.broker.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that the librdkafka settings a Karafka user pastes into {@code karafka.kafka}
 * mean the same to this starter as to librdkafka itself, using {@code kcat} against the
 * same SSL listener. CI installs kcat; elsewhere the test is skipped when it is missing.
 *
 * @author karafka-spring
 */
@ExtendWith(KafkaTestBrokerExtension.class)
class KcatIntegrationTests {

	private final Map<String, String> librdkafkaSettings = new LinkedHashMap<>();

	KcatIntegrationTests(KafkaTestBroker broker) {
		TestCertificates certificates = broker.certificates();
		this.librdkafkaSettings.put("bootstrap.servers", broker.bootstrapServers(Listener.SSL));
		this.librdkafkaSettings.put("security.protocol", "ssl");
		this.librdkafkaSettings.put("ssl.ca.location", certificates.caCertificateFile().toString());
		this.librdkafkaSettings.put("ssl.certificate.location", certificates.clientCertificateFile().toString());
		this.librdkafkaSettings.put("ssl.key.location", certificates.clientKeyPkcs1File().toString());
	}

	@Test
	void sameLibrdkafkaSettingsWorkForKcatAndForTheStarter() throws Exception {
		assumeTrue(kcatIsInstalled(), "kcat is not installed");
		String topic = "kcat-" + UUID.randomUUID();
		List<String> properties = new ArrayList<>();
		this.librdkafkaSettings.forEach((key, value) -> properties.add("karafka.kafka[" + key + "]=" + value));
		try (ConfigurableApplicationContext context = RoundTrip.run(topic, properties.toArray(String[]::new))) {
			Process producer = kcat("-P", "-t", topic);
			producer.getOutputStream().write("from-kcat\n".getBytes(StandardCharsets.UTF_8));
			producer.getOutputStream().close();
			assertThat(producer.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(producer.exitValue()).as(errors(producer)).isZero();
			RoundTrip.assertReceived(context, "from-kcat");
			context.getBean(KafkaTemplate.class).send(topic, "from-spring").get(30, TimeUnit.SECONDS);
			Process consumer = kcat("-C", "-t", topic, "-o", "beginning", "-c", "2", "-e");
			assertThat(consumer.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(new String(consumer.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
				.as(errors(consumer))
				.contains("from-kcat", "from-spring");
		}
	}

	private Process kcat(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("kcat", "-b", this.librdkafkaSettings.get("bootstrap.servers")));
		this.librdkafkaSettings.forEach((key, value) -> {
			if (!key.equals("bootstrap.servers")) {
				command.add("-X");
				command.add(key + "=" + value);
			}
		});
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).start();
	}

	private static String errors(Process process) {
		try {
			return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static boolean kcatIsInstalled() {
		try {
			return new ProcessBuilder("kcat", "-V").start().waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

}
