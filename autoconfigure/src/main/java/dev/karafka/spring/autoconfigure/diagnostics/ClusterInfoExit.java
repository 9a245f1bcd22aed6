package dev.karafka.spring.autoconfigure.diagnostics;

import java.util.function.IntConsumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Ends the process of the cluster-info command once the application is ready (its runners
 * have run): closes the context and exits with the code of its {@code ExitCodeGenerator}
 * beans, whatever the application's main method does next.
 *
 * @author karafka-spring
 */
class ClusterInfoExit implements ApplicationListener<ApplicationReadyEvent> {

	private final IntConsumer exit;

	ClusterInfoExit(IntConsumer exit) {
		this.exit = exit;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.exit.accept(SpringApplication.exit(event.getApplicationContext()));
	}

}
