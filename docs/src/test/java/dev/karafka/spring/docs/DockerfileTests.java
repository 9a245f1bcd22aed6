package dev.karafka.spring.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structure of {@code docs/deploy/docker/Dockerfile}. Docker is not available where the
 * build runs, so the image is never built here: these checks are all the Dockerfile gets.
 *
 * @author karafka-spring
 */
class DockerfileTests {

	private final List<String> instructions = instructions();

	@Test
	void buildsWithMavenThenExtractsLayersInSeparateStages() {
		assertThat(this.instructions.stream().filter((line) -> line.startsWith("FROM "))).containsExactly(
				"FROM maven:3.9-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre AS extract",
				"FROM eclipse-temurin:17-jre");
		assertThat(this.instructions).anyMatch((line) -> line.contains("mvn -B") && line.contains("package"))
			.contains("RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination layers");
	}

	@Test
	void copiesLayersFromTheLeastToTheMostOftenChanged() {
		assertThat(this.instructions.stream().filter((line) -> line.startsWith("COPY --from=extract"))).containsExactly(
				"COPY --from=extract /extract/layers/dependencies/ ./",
				"COPY --from=extract /extract/layers/spring-boot-loader/ ./",
				"COPY --from=extract /extract/layers/snapshot-dependencies/ ./",
				"COPY --from=extract /extract/layers/application/ ./");
	}

	@Test
	void runsAsNonRootUser() {
		List<String> users = this.instructions.stream().filter((line) -> line.startsWith("USER ")).toList();
		assertThat(users).singleElement().isNotIn("USER root", "USER 0", "USER 0:0");
		assertThat(this.instructions.indexOf(users.get(0)))
			.isGreaterThan(this.instructions.indexOf("FROM eclipse-temurin:17-jre"));
	}

	@Test
	void setsProfileAndContainerMemoryFlags() {
		assertThat(this.instructions).contains("ENV SPRING_PROFILES_ACTIVE=production")
			.anyMatch((line) -> line.startsWith("ENV JAVA_TOOL_OPTIONS=") && line.contains("-XX:MaxRAMPercentage="));
	}

	@Test
	void startsTheExtractedLauncherInExecForm() {
		assertThat(this.instructions.get(this.instructions.size() - 1))
			.isEqualTo("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
	}

	private static List<String> instructions() {
		try {
			String dockerfile = Files.readString(DocsFiles.DEPLOY.resolve("docker/Dockerfile"), StandardCharsets.UTF_8);
			return dockerfile.replace("\\\n", " ")
				.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
