package dev.karafka.spring.autoconfigure.diagnostics;

import java.util.function.IntConsumer;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;

/**
 * Ends the process of a one-off command (cluster info, dead-letter replay) right after
 * the command ran, before the application's own runners and before
 * {@code ApplicationReadyEvent}, so that nothing the application does once ready
 * (publishing, scheduling) happens: closes the context and exits with the code of its
 * {@code ExitCodeGenerator} beans, whatever the application's main method would do next.
 *
 * @author karafka-spring
 */
class OneOffCommandExit implements ApplicationRunner, Ordered {

	private final ApplicationContext context;

	private final IntConsumer exit;

	OneOffCommandExit(ApplicationContext context, IntConsumer exit) {
		this.context = context;
		this.exit = exit;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exit.accept(SpringApplication.exit(this.context));
	}

}
