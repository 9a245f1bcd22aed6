package dev.karafka.spring.probe;

import dev.karafka.spring.test.context.KafkaTestBrokerConnection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static dev.karafka.spring.probe.WorkerProcess.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which application gets the probe server, and where it listens in a
 * {@code @SpringBootTest}: never in a web application, whose own server answers the
 * probes; in a worker, only where Spring Boot would start a web server.
 *
 * @author karafka-spring
 */
class ProbeServerSpringBootTestIntegrationTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	@Nested
	@KafkaTestBrokerConnection
	@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "worker.topic=probe-web-application")
	class WebApplication {

		@Autowired
		private ApplicationContext context;

		@LocalServerPort
		private int port;

		@Test
		void webApplicationKeepsItsOwnServerAndGetsNoProbeServer() {
			assertThat(this.context.getBeansOfType(ProbeServer.class)).isEmpty();
			await().until(() -> get(this.port, LIVENESS).statusCode() == 200);
			assertThat(get(this.port, LIVENESS).body()).contains("\"karafka\":{");
		}

	}

	@Nested
	@KafkaTestBrokerConnection
	@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "worker.topic=probe-worker-random-port", "spring.main.web-application-type=none" })
	class WorkerOnRandomPort {

		@Autowired
		private ProbeServer probeServer;

		@LocalServerPort
		private int port;

		@Test
		void workerTestWithRandomPortGetsTheProbeServerOnIt() {
			assertThat(this.port).isEqualTo(this.probeServer.getPort()).isNotEqualTo(8080);
			await().until(() -> get(this.port, LIVENESS).statusCode() == 200);
		}

	}

	@Nested
	@KafkaTestBrokerConnection
	@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.NONE,
			properties = "worker.topic=probe-worker-no-server")
	class WorkerWithoutServer {

		@Autowired
		private ApplicationContext context;

		@Test
		void workerTestWithoutWebEnvironmentStartsNoProbeServer() {
			assertThat(this.context.getEnvironment().getProperty("karafka.probes.enabled")).isEqualTo("false");
			assertThat(this.context.getBeansOfType(ProbeServer.class)).isEmpty();
		}

	}

	@Nested
	@KafkaTestBrokerConnection
	@SpringBootTest(classes = WorkerApplication.class,
			properties = { "worker.topic=probe-worker-mock", "spring.main.web-application-type=none" })
	class WorkerInMockWebEnvironment {

		@Autowired
		private ApplicationContext context;

		@Test
		void workerTestWithTheDefaultMockWebEnvironmentStartsNoProbeServer() {
			assertThat(this.context.getBeansOfType(ProbeServer.class)).isEmpty();
		}

	}

	@Nested
	@KafkaTestBrokerConnection
	@ExtendWith(OutputCaptureExtension.class)
	@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "worker.topic=probe-worker-karafka", "spring.main.web-application-type=none",
					"management.endpoints.web.exposure.include=health,karafka,env" })
	class WorkerExposingKarafkaAndEnv {

		@LocalServerPort
		private int port;

		@Test
		void workerServesTheKarafkaEndpointAndWarnsAboutExposedEndpointsItCannotServe(CapturedOutput output) {
			await().until(() -> get(this.port, "/actuator/karafka").statusCode() == 200);
			assertThat(get(this.port, "/actuator/karafka").body()).contains("\"cluster\":{")
				.contains("\"listeners\":{");
			assertThat(get(this.port, "/actuator/env").statusCode()).isEqualTo(404);
			assertThat(output).containsOnlyOnce("Endpoints [env] are exposed over the web")
				.contains("serves only [health, karafka]");
		}

	}

}
