// Wootric CXI's own test data; the observed fetch itself is shared, in @apis/faults/observed-fetch.

export const TOKEN = { access_token: "access-123", token_type: "bearer", expires_in: 7200, refresh_token: "refresh-456", scope: "public" };
