package dev.karafka.spring.sample.recording;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Records processed records and rebalances to the file {@code sample.recording.file}
 * names (see {@link ProcessingRecorder}); nothing is recorded without it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("sample.recording.file")
class RecordingConfiguration {

	@Bean
	ProcessingRecorder processingRecorder(@Value("${sample.recording.file}") Path file) {
		return new ProcessingRecorder(file);
	}

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> processingRecorderContainerCustomizer(
			ProcessingRecorder processingRecorder) {
		return (container) -> container.getContainerProperties().setConsumerRebalanceListener(processingRecorder);
	}

}
