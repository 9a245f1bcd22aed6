package dev.karafka.spring.docs;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.karafka.spring.autoconfigure.KarafkaProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests of {@code docs/deploy/kubernetes} parse, and their probes
 * reach the endpoints that the sample app's {@code application.yml} exposes.
 *
 * @author karafka-spring
 */
@SuppressWarnings("unchecked")
class KubernetesManifestsTests {

	private static final Path KUBERNETES = DocsFiles.DEPLOY.resolve("kubernetes");

	private final Map<String, Object> sampleApplication = load(DocsFiles.SAMPLE_APPLICATION_YAML).get(0);

	@ParameterizedTest
	@ValueSource(strings = { "deployment.yaml", "statefulset.yaml" })
	void probesUseTheSampleAppsManagementPortAndHealthGroups(String manifest) {
		Map<String, Object> container = container(workload(manifest));
		int managementPort = (int) at(this.sampleApplication, "management", "server", "port");
		assertThat((Boolean) at(this.sampleApplication, "management", "endpoint", "health", "probes", "enabled"))
			.isTrue();
		assertThat((String) at(this.sampleApplication, "management", "endpoints", "web", "exposure", "include"))
			.contains("health");
		assertThat(probe(container, "livenessProbe")).containsEntry("path", "/actuator/health/liveness");
		assertThat(probe(container, "readinessProbe")).containsEntry("path", "/actuator/health/readiness");
		assertThat(containerPort(container, probe(container, "livenessProbe").get("port"))).isEqualTo(managementPort);
		assertThat(containerPort(container, probe(container, "readinessProbe").get("port"))).isEqualTo(managementPort);
		assertThat(containerPort(container, "http")).isEqualTo(at(this.sampleApplication, "server", "port"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "deployment.yaml", "statefulset.yaml" })
	void readinessProbeWaitsLongerThanOneClusterCheck(String manifest) {
		Map<String, Object> readiness = (Map<String, Object>) container(workload(manifest)).get("readinessProbe");
		assertThat(Duration.ofSeconds((int) readiness.get("timeoutSeconds")))
			.isGreaterThan(new KarafkaProperties().getReadiness().getTimeout());
	}

	@ParameterizedTest
	@ValueSource(strings = { "deployment.yaml", "statefulset.yaml" })
	void terminationGracePeriodLeavesRoomForSpringsGracefulShutdown(String manifest) {
		assertThat((int) at(workload(manifest), "spec", "template", "spec", "terminationGracePeriodSeconds"))
			.isGreaterThan(SpringShutdown.SHUTDOWN_PHASE_SECONDS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "deployment.yaml", "statefulset.yaml" })
	void profileAndBootstrapServersComeFromTheEnvironment(String manifest) {
		assertThat(environment(manifest)).containsEntry("SPRING_PROFILES_ACTIVE", "production");
		assertThat(karafkaProperties(manifest).getBootstrapServers()).hasSize(2);
		assertThat(karafkaProperties(manifest).getKafka()).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanisms", "SCRAM-SHA-512");
	}

	@Test
	void deploymentRecreatesPods() {
		assertThat(at(workload("deployment.yaml"), "spec", "strategy", "type")).isEqualTo("Recreate");
	}

	@Test
	void statefulSetTurnsOnStaticMembership() {
		KarafkaProperties properties = karafkaProperties("statefulset.yaml");
		assertThat(properties.getStaticMembership().isEnabled()).isTrue();
		assertThat(properties.getStaticMembership().getInstanceId()).as("the pod name, from HOSTNAME").isNull();
	}

	@Test
	void statefulSetHasItsHeadlessService() {
		List<Map<String, Object>> documents = load(KUBERNETES.resolve("statefulset.yaml"));
		Map<String, Object> service = documents.stream()
			.filter((document) -> "Service".equals(document.get("kind")))
			.findFirst()
			.orElseThrow();
		assertThat(at(service, "spec", "clusterIP")).isEqualTo("None");
		assertThat(at(workload("statefulset.yaml"), "spec", "serviceName")).isEqualTo(at(service, "metadata", "name"));
	}

	private static Map<String, Object> environment(String manifest) {
		Map<String, Object> environment = new LinkedHashMap<>();
		for (Map<String, Object> variable : list(container(workload(manifest)), "env")) {
			if (variable.containsKey("value")) {
				environment.put((String) variable.get("name"), variable.get("value"));
			}
		}
		return environment;
	}

	private static KarafkaProperties karafkaProperties(String manifest) {
		return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment(manifest))))
			.bindOrCreate("karafka", KarafkaProperties.class);
	}

	private static Map<String, Object> workload(String manifest) {
		return load(KUBERNETES.resolve(manifest)).stream()
			.filter((document) -> List.of("Deployment", "StatefulSet").contains(document.get("kind")))
			.findFirst()
			.orElseThrow();
	}

	private static Map<String, Object> container(Map<String, Object> workload) {
		List<Map<String, Object>> containers = (List<Map<String, Object>>) at(workload, "spec", "template", "spec",
				"containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static Map<String, Object> probe(Map<String, Object> container, String probe) {
		return (Map<String, Object>) at(container, probe, "httpGet");
	}

	private static int containerPort(Map<String, Object> container, Object port) {
		if (port instanceof Integer number) {
			return number;
		}
		return list(container, "ports").stream()
			.filter((candidate) -> port.equals(candidate.get("name")))
			.map((candidate) -> (int) candidate.get("containerPort"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No container port named " + port));
	}

	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		return (List<Map<String, Object>>) map.get(key);
	}

	private static Object at(Map<String, Object> map, String... path) {
		Object current = map;
		for (String key : path) {
			assertThat(current).as("%s in %s", key, String.join(".", path)).isInstanceOf(Map.class);
			current = ((Map<String, Object>) current).get(key);
		}
		assertThat(current).as(String.join(".", path)).isNotNull();
		return current;
	}

	private static List<Map<String, Object>> load(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : new Yaml().loadAll(reader)) {
				documents.add((Map<String, Object>) document);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return documents;
	}

}
