namespace PrivacyPortal.Modules.DataPlane.Connectors;

public static class HttpAndManualConnectors
{
    /// <summary>The HTTP connector with its resilient client, the manual connector and the owners' task list.</summary>
    public static IServiceCollection AddHttpAndManualConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpConnectorOptions>().Bind(configuration.GetSection(HttpConnectorOptions.Section))
            .Validate(o => o.IsValid,
                "Connectors:Http: AttemptTimeoutSeconds must be 0.01–3600, TotalTimeoutSeconds 0.01–86400, MaxRetries 0–10, RetryDelaySeconds 0–600.")
            .ValidateOnStart();
        services.AddTransient<AttemptCountingHandler>();
        var client = services.AddHttpClient(HttpConnector.ClientName, c =>
        {
            // The pipeline's total timeout bounds a call; HttpClient's own would cut long export streams.
            c.Timeout = Timeout.InfiniteTimeSpan;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("PrivacyPortal-Connector/1.0");
        });
        client.AddResilienceHandler(HttpConnector.ClientName, (pipeline, context) => HttpConnector.ConfigurePipeline(pipeline, context.ServiceProvider));
        // Added after, so it sits inside the pipeline: it sees every try, and a failure can say how many were made.
        client.AddHttpMessageHandler<AttemptCountingHandler>();

        services.AddSingleton<HttpConnector>();
        services.AddSingleton<IConnector>(sp => sp.GetRequiredService<HttpConnector>());
        // Scoped: it records the task it makes in the audit trail as whoever runs the operation.
        services.AddScoped<ManualConnector>();
        services.AddScoped<IConnector>(sp => sp.GetRequiredService<ManualConnector>());
        services.AddScoped<ConnectorTaskService>();
        return services;
    }
}
