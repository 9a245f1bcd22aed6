package dev.karafka.spring.liveness;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Tells applications with a web server, which keeps their JVM alive, from workers, whose
 * consumer threads do. Needs nothing but Spring's core on the class path.
 *
 * @author karafka-spring
 * @since 0.1.0
 */
public final class WebServerContexts {

	private static final String WEB_SERVER_APPLICATION_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

	private WebServerContexts() {
	}

	/**
	 * Return whether the given context runs a web server.
	 * @param context the application context
	 * @return whether it has a web server
	 */
	public static boolean hasWebServer(ApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		return ClassUtils.isPresent(WEB_SERVER_APPLICATION_CONTEXT, classLoader)
				&& ClassUtils.resolveClassName(WEB_SERVER_APPLICATION_CONTEXT, classLoader).isInstance(context);
	}

}
