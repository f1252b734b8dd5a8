package io.brique.core.commerce.web;

import io.brique.core.commerce.store.StoreSaleImportService;
import io.brique.core.web.ApiTokens;
import io.brique.core.web.Ctx;
import io.brique.core.web.HttpProblem;
import io.brique.core.web.Router;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** {@code POST /api/v1/imports/store-sales}: offline sales from physical stores, as CSV (10 MB max). */
public final class StoreSalesApi {

    static final int MAX_BYTES = 10 * 1024 * 1024;

    private final StoreSaleImportService imports;
    private final ApiTokens tokens;

    public StoreSalesApi(StoreSaleImportService imports, ApiTokens tokens) {
        this.imports = imports;
        this.tokens = tokens;
    }

    public void register(Router router) {
        router.post("/api/v1/imports/store-sales", this::importCsv);
    }

    void importCsv(Ctx ctx) {
        tokens.require(ctx, "orders:write");
        ctx.requireContentType("text/csv");
        byte[] body = ctx.readBody(MAX_BYTES);
        String csv;
        try {
            csv = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw HttpProblem.badRequest("the CSV must be UTF-8");
        }
        if (csv.startsWith("\uFEFF")) {
            csv = csv.substring(1);
        }
        if (csv.isBlank()) {
            throw HttpProblem.badRequest("the CSV is empty");
        }
        ctx.json(imports.importCsv(csv));
    }
}
