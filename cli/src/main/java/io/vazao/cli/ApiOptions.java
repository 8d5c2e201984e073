package io.vazao.cli;

import picocli.CommandLine.Option;

/** Options every command that talks to the policy service shares. */
public final class ApiOptions {

    @Option(
            names = "--url",
            description =
                    "policy service address (default: $VAZAO_URL, the address `vazao up` saved, or "
                            + ApiClient.DEFAULT_URL
                            + ")")
    String url;

    @Option(names = "--json", description = "print JSON for scripts instead of a table")
    boolean json;

    public ApiClient client() {
        return new ApiClient(ApiClient.resolveUrl(url, Home.detect()), ApiClient.resolveToken());
    }

    public boolean json() {
        return json;
    }
}
