// Generated from the service's OpenAPI document by openapi-typescript: do not edit (npm run api:types).
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers and the process is not draining */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List members (the verification queue with verificationState=pending) */
        get: {
            parameters: {
                query?: {
                    verificationState?: "pending" | "approved" | "rejected" | "needs_changes";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                email: string;
                                displayName: string;
                                roles: ("admin" | "seller" | "buyer")[];
                                /** @enum {unknown} */
                                verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                                timeZone: string;
                                homeLocation: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                /** @description Segments promotions can target (member_groups); set by admins. */
                                groups: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Register a member (open registration, or by an admin)
         * @description Open registration creates a pending buyer or seller and returns its first API key, once. Only an admin may create an admin.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        displayName: string;
                        roles: ("admin" | "seller" | "buyer")[];
                        /** @description IANA time zone, for example Europe/Istanbul */
                        timeZone?: string;
                        homeLocation?: {
                            lat: number;
                            lng: number;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: {
                                id: string;
                                email: string;
                                displayName: string;
                                roles: ("admin" | "seller" | "buyer")[];
                                /** @enum {unknown} */
                                verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                                timeZone: string;
                                homeLocation: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                /** @description Segments promotions can target (member_groups); set by admins. */
                                groups: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            apiKey: {
                                id: string;
                                memberId: string | null;
                                name: string;
                                displayPrefix: string;
                                scopes: ("members:read" | "members:write" | "events:write" | "wallet:read" | "wallet:write" | "coupons:read" | "coupons:write" | "rewards:read" | "rewards:write" | "promotions:read" | "promotions:write" | "admin")[] | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                            };
                            /** @description The secret. Shown once; store it now. */
                            key: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling member */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("admin" | "seller" | "buyer")[];
                            /** @enum {unknown} */
                            verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                            timeZone: string;
                            homeLocation: {
                                lat: number;
                                lng: number;
                            } | null;
                            /** @description Segments promotions can target (member_groups); set by admins. */
                            groups: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update the calling member's profile */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        /** @description IANA time zone, for example Europe/Istanbul */
                        timeZone?: string;
                        homeLocation?: {
                            lat: number;
                            lng: number;
                        } | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("admin" | "seller" | "buyer")[];
                            /** @enum {unknown} */
                            verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                            timeZone: string;
                            homeLocation: {
                                lat: number;
                                lng: number;
                            } | null;
                            /** @description Segments promotions can target (member_groups); set by admins. */
                            groups: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/members/me/resubmission": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resubmit an application that needs changes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("admin" | "seller" | "buyer")[];
                            /** @enum {unknown} */
                            verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                            timeZone: string;
                            homeLocation: {
                                lat: number;
                                lng: number;
                            } | null;
                            /** @description Segments promotions can target (member_groups); set by admins. */
                            groups: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buyers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The approved buyer with exactly this email (for a seller choosing who sees a listing); 404 otherwise */
        get: {
            parameters: {
                query: {
                    email: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            displayName: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A member: whole for itself and admins; the public view of an approved member for other verified members */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("admin" | "seller" | "buyer")[];
                            /** @enum {unknown} */
                            verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                            timeZone: string;
                            homeLocation: {
                                lat: number;
                                lng: number;
                            } | null;
                            /** @description Segments promotions can target (member_groups); set by admins. */
                            groups: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        } | {
                            id: string;
                            displayName: string;
                            roles: ("admin" | "seller" | "buyer")[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The verification audit trail (the member itself or an admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: number;
                                memberId: string;
                                /** @enum {unknown} */
                                fromState: "pending" | "approved" | "rejected" | "needs_changes";
                                /** @enum {unknown} */
                                toState: "pending" | "approved" | "rejected" | "needs_changes";
                                reason: string;
                                decidedBy: string | null;
                                /** Format: date-time */
                                decidedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Decide a member's verification (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        decision: "approved" | "rejected" | "needs_changes";
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: {
                                id: string;
                                email: string;
                                displayName: string;
                                roles: ("admin" | "seller" | "buyer")[];
                                /** @enum {unknown} */
                                verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                                timeZone: string;
                                homeLocation: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                /** @description Segments promotions can target (member_groups); set by admins. */
                                groups: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            decision: {
                                id: number;
                                memberId: string;
                                /** @enum {unknown} */
                                fromState: "pending" | "approved" | "rejected" | "needs_changes";
                                /** @enum {unknown} */
                                toState: "pending" | "approved" | "rejected" | "needs_changes";
                                reason: string;
                                decidedBy: string | null;
                                /** Format: date-time */
                                decidedAt: string;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a member's groups (admin): the segments promotions can target */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        groups: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            displayName: string;
                            roles: ("admin" | "seller" | "buyer")[];
                            /** @enum {unknown} */
                            verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                            timeZone: string;
                            homeLocation: {
                                lat: number;
                                lng: number;
                            } | null;
                            /** @description Segments promotions can target (member_groups); set by admins. */
                            groups: string[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's API keys (admins: service=true lists service keys) */
        get: {
            parameters: {
                query?: {
                    service?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                memberId: string | null;
                                name: string;
                                displayPrefix: string;
                                scopes: ("members:read" | "members:write" | "events:write" | "wallet:read" | "wallet:write" | "coupons:read" | "coupons:write" | "rewards:read" | "rewards:write" | "promotions:read" | "promotions:write" | "admin")[] | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        scopes?: ("members:read" | "members:write" | "events:write" | "wallet:read" | "wallet:write" | "coupons:read" | "coupons:write" | "rewards:read" | "rewards:write" | "promotions:read" | "promotions:write" | "admin")[];
                        /** @description Admin only: a service key acting within its scopes, owned by no member. */
                        service?: boolean;
                        /**
                         * Format: uuid
                         * @description Admin only: issue a key for this member.
                         */
                        memberId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: {
                                id: string;
                                memberId: string | null;
                                name: string;
                                displayPrefix: string;
                                scopes: ("members:read" | "members:write" | "events:write" | "wallet:read" | "wallet:write" | "coupons:read" | "coupons:write" | "rewards:read" | "rewards:write" | "promotions:read" | "promotions:write" | "admin")[] | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                lastUsedAt: string | null;
                                /** Format: date-time */
                                revokedAt: string | null;
                            };
                            /** @description The secret. Shown once; store it now. */
                            key: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (its owner or an admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            memberId: string | null;
                            name: string;
                            displayPrefix: string;
                            scopes: ("members:read" | "members:write" | "events:write" | "wallet:read" | "wallet:write" | "coupons:read" | "coupons:write" | "rewards:read" | "rewards:write" | "promotions:read" | "promotions:write" | "admin")[] | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            lastUsedAt: string | null;
                            /** Format: date-time */
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Register as a buyer or seller with a password, and sign in: the member waits in the verification queue */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        displayName: string;
                        roles: ("admin" | "seller" | "buyer")[];
                        /** @description IANA time zone, for example Europe/Istanbul */
                        timeZone?: string;
                        homeLocation?: {
                            lat: number;
                            lng: number;
                        } | null;
                        /** @description 10 to 200 characters */
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: {
                                id: string;
                                email: string;
                                displayName: string;
                                roles: ("admin" | "seller" | "buyer")[];
                                /** @enum {unknown} */
                                verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                                timeZone: string;
                                homeLocation: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                /** @description Segments promotions can target (member_groups); set by admins. */
                                groups: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            /** @description Send it as X-CSRF-Token with every write made with the session cookie (it is also in the trove_csrf cookie) */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password: sets the session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            member: {
                                id: string;
                                email: string;
                                displayName: string;
                                roles: ("admin" | "seller" | "buyer")[];
                                /** @enum {unknown} */
                                verificationState: "pending" | "approved" | "rejected" | "needs_changes";
                                timeZone: string;
                                homeLocation: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                /** @description Segments promotions can target (member_groups); set by admins. */
                                groups: string[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            };
                            /** @description Send it as X-CSRF-Token with every write made with the session cookie (it is also in the trove_csrf cookie) */
                            csrfToken: string;
                            /** Format: date-time */
                            expiresAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your password (give the current one): every other session of yours ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        /** @description 10 to 200 characters */
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-out-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of yours, on every device, this one included */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends this session and clears its cookies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a transfer (posted, pending hold, post or void of a hold, or reversal)
         * @description The client-chosen `id` is the idempotency key: the same id with the same fields answers 200 with the original transfer and `idempotent-replayed: true`; with other fields, 409 with a TRANSFER_EXISTS_WITH_DIFFERENT_* code.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Chosen by the client: the idempotency key of the transfer. */
                        id: string;
                        /**
                         * @default posted
                         * @enum {unknown}
                         */
                        kind?: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                        /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                        debitAccountId?: string;
                        /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                        creditAccountId?: string;
                        /** @description Integer minor units (coins, cents). */
                        amount?: number;
                        asset?: string;
                        /** @description post_pending / void_pending: the hold to settle. */
                        pendingId?: string;
                        /** @description reversal: the posted transfer to reverse. */
                        reversesId?: string;
                        /** @description pending: void automatically after this long. */
                        timeoutSeconds?: number;
                        reference?: string;
                        /** @description Up to 4,096 bytes of JSON. */
                        metadata?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            transfer: {
                                id: string;
                                /** @enum {unknown} */
                                kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                                debitAccountId: string;
                                creditAccountId: string;
                                asset: string;
                                amount: number;
                                pendingId: string | null;
                                reversesId: string | null;
                                /** @enum {unknown} */
                                status: "final" | "pending" | "posted" | "voided" | "expired";
                                /** Format: date-time */
                                timeoutAt: string | null;
                                reversedAmount: number;
                                reference: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                            };
                            /** @description Both accounts after the transfer (absent on a replay). */
                            accounts?: {
                                id: string;
                                asset: string;
                                posted: number;
                                pending: number;
                                available: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            transfer: {
                                id: string;
                                /** @enum {unknown} */
                                kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                                debitAccountId: string;
                                creditAccountId: string;
                                asset: string;
                                amount: number;
                                pendingId: string | null;
                                reversesId: string | null;
                                /** @enum {unknown} */
                                status: "final" | "pending" | "posted" | "voided" | "expired";
                                /** Format: date-time */
                                timeoutAt: string | null;
                                reversedAmount: number;
                                reference: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                            };
                            /** @description Both accounts after the transfer (absent on a replay). */
                            accounts?: {
                                id: string;
                                asset: string;
                                posted: number;
                                pending: number;
                                available: number;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Up to 1,000 transfers in one commit: atomic (all or nothing) or independent (a result each) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description atomic: all or nothing. independent: each transfer on its own.
                         * @enum {unknown}
                         */
                        mode: "atomic" | "independent";
                        transfers: {
                            /** @description Chosen by the client: the idempotency key of the transfer. */
                            id: string;
                            /**
                             * @default posted
                             * @enum {unknown}
                             */
                            kind?: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                            /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                            debitAccountId?: string;
                            /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                            creditAccountId?: string;
                            /** @description Integer minor units (coins, cents). */
                            amount?: number;
                            asset?: string;
                            /** @description post_pending / void_pending: the hold to settle. */
                            pendingId?: string;
                            /** @description reversal: the posted transfer to reverse. */
                            reversesId?: string;
                            /** @description pending: void automatically after this long. */
                            timeoutSeconds?: number;
                            reference?: string;
                            /** @description Up to 4,096 bytes of JSON. */
                            metadata?: {
                                [key: string]: unknown;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                id: string;
                                /** @description created, exists, or an error code from docs/errors.md */
                                result: string;
                                transfer?: {
                                    id: string;
                                    /** @enum {unknown} */
                                    kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                                    debitAccountId: string;
                                    creditAccountId: string;
                                    asset: string;
                                    amount: number;
                                    pendingId: string | null;
                                    reversesId: string | null;
                                    /** @enum {unknown} */
                                    status: "final" | "pending" | "posted" | "voided" | "expired";
                                    /** Format: date-time */
                                    timeoutAt: string | null;
                                    reversedAmount: number;
                                    reference: string | null;
                                    metadata: {
                                        [key: string]: unknown;
                                    } | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                };
                                accounts?: {
                                    id: string;
                                    asset: string;
                                    posted: number;
                                    pending: number;
                                    available: number;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                id: string;
                                /** @description created, exists, or an error code from docs/errors.md */
                                result: string;
                                transfer?: {
                                    id: string;
                                    /** @enum {unknown} */
                                    kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                                    debitAccountId: string;
                                    creditAccountId: string;
                                    asset: string;
                                    amount: number;
                                    pendingId: string | null;
                                    reversesId: string | null;
                                    /** @enum {unknown} */
                                    status: "final" | "pending" | "posted" | "voided" | "expired";
                                    /** Format: date-time */
                                    timeoutAt: string | null;
                                    reversedAmount: number;
                                    reference: string | null;
                                    metadata: {
                                        [key: string]: unknown;
                                    } | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                };
                                accounts?: {
                                    id: string;
                                    asset: string;
                                    posted: number;
                                    pending: number;
                                    available: number;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transfers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A transfer by id (members: only transfers touching their accounts) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {unknown} */
                            kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                            debitAccountId: string;
                            creditAccountId: string;
                            asset: string;
                            amount: number;
                            pendingId: string | null;
                            reversesId: string | null;
                            /** @enum {unknown} */
                            status: "final" | "pending" | "posted" | "voided" | "expired";
                            /** Format: date-time */
                            timeoutAt: string | null;
                            reversedAmount: number;
                            reference: string | null;
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every account of the ledger with its balances, in id order (admins) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    ownerKind?: "member" | "system";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                asset: string;
                                /** @enum {unknown} */
                                ownerKind: "member" | "system";
                                ownerId: string;
                                flags: {
                                    debitsMustNotExceedCredits: boolean;
                                    creditsMustNotExceedDebits: boolean;
                                };
                                overdraftLimit: number;
                                balance: {
                                    posted: number;
                                    pending: number;
                                    available: number;
                                };
                                totals: {
                                    debitsPosted: number;
                                    creditsPosted: number;
                                    debitsPending: number;
                                    creditsPending: number;
                                };
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create an account (the id is the idempotency key) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                        id: string;
                        asset: string;
                        /** @enum {unknown} */
                        ownerKind: "member" | "system";
                        ownerId: string;
                        /** @default false */
                        debitsMustNotExceedCredits?: boolean;
                        /** @default false */
                        creditsMustNotExceedDebits?: boolean;
                        /** @default 0 */
                        overdraftLimit?: number;
                        /** @description Up to 4,096 bytes of JSON. */
                        metadata?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            asset: string;
                            /** @enum {unknown} */
                            ownerKind: "member" | "system";
                            ownerId: string;
                            flags: {
                                debitsMustNotExceedCredits: boolean;
                                creditsMustNotExceedDebits: boolean;
                            };
                            overdraftLimit: number;
                            balance: {
                                posted: number;
                                pending: number;
                                available: number;
                            };
                            totals: {
                                debitsPosted: number;
                                creditsPosted: number;
                                debitsPending: number;
                                creditsPending: number;
                            };
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            asset: string;
                            /** @enum {unknown} */
                            ownerKind: "member" | "system";
                            ownerId: string;
                            flags: {
                                debitsMustNotExceedCredits: boolean;
                                creditsMustNotExceedDebits: boolean;
                            };
                            overdraftLimit: number;
                            balance: {
                                posted: number;
                                pending: number;
                                available: number;
                            };
                            totals: {
                                debitsPosted: number;
                                creditsPosted: number;
                                debitsPending: number;
                                creditsPending: number;
                            };
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling member's accounts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                asset: string;
                                /** @enum {unknown} */
                                ownerKind: "member" | "system";
                                ownerId: string;
                                flags: {
                                    debitsMustNotExceedCredits: boolean;
                                    creditsMustNotExceedDebits: boolean;
                                };
                                overdraftLimit: number;
                                balance: {
                                    posted: number;
                                    pending: number;
                                    available: number;
                                };
                                totals: {
                                    debitsPosted: number;
                                    creditsPosted: number;
                                    debitsPending: number;
                                    creditsPending: number;
                                };
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What is held on the calling member's accounts now: each open hold, newest first (an order not yet completed, a leading bid) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @enum {unknown} */
                                kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                                debitAccountId: string;
                                creditAccountId: string;
                                asset: string;
                                amount: number;
                                pendingId: string | null;
                                reversesId: string | null;
                                /** @enum {unknown} */
                                status: "final" | "pending" | "posted" | "voided" | "expired";
                                /** Format: date-time */
                                timeoutAt: string | null;
                                reversedAmount: number;
                                reference: string | null;
                                metadata: {
                                    [key: string]: unknown;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account with its posted, pending and available balances */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            asset: string;
                            /** @enum {unknown} */
                            ownerKind: "member" | "system";
                            ownerId: string;
                            flags: {
                                debitsMustNotExceedCredits: boolean;
                                creditsMustNotExceedDebits: boolean;
                            };
                            overdraftLimit: number;
                            balance: {
                                posted: number;
                                pending: number;
                                available: number;
                            };
                            totals: {
                                debitsPosted: number;
                                creditsPosted: number;
                                debitsPending: number;
                                creditsPending: number;
                            };
                            metadata: {
                                [key: string]: unknown;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account's entries, newest first, each with the balance after it */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path: {
                    /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                seq: number;
                                transferId: string;
                                /**
                                 * @description The transfer's kind
                                 * @enum {unknown}
                                 */
                                kind: "posted" | "pending" | "post_pending" | "void_pending" | "reversal";
                                /** @description The transfer's reference: what it was for (order:<id>, auction:<id>...) */
                                reference: string | null;
                                amount: number;
                                balanceAfter: number;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The posted balance as of a moment */
        get: {
            parameters: {
                query: {
                    at: string;
                };
                header?: never;
                path: {
                    /** @description For example sys:rewards:COIN or member:<uuid>:COIN */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accountId: string;
                            at: string;
                            posted: number;
                            afterEntrySeq: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Re-checks the ledger's invariants from scratch (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            checks: {
                                check: string;
                                ok: boolean;
                                detail: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupon-campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Campaigns with their live stock, newest first: admins every one, sellers their own */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                value: {
                                    /** @enum {string} */
                                    kind: "fixed";
                                    amountMinor: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "percent";
                                    percent: number;
                                    capMinor: number | null;
                                };
                                currency: string;
                                limitTotal: number;
                                perMemberLimit: number;
                                issued: number;
                                leased: number;
                                remaining: number;
                                /** Format: date-time */
                                validFrom: string;
                                /** Format: date-time */
                                validTo: string;
                                minCartMinor: number;
                                targeting: {
                                    sellers?: string[];
                                    categories?: string[];
                                };
                                /** @enum {unknown} */
                                codeMode: "shared" | "unique";
                                sharedCode: string | null;
                                ownerSellerId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a coupon campaign (admins; sellers for their own items)
         * @description A seller's campaign is targeted at that seller's items whatever `targeting.sellers` says.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        value: {
                            /** @enum {string} */
                            kind: "fixed";
                            amountMinor: number;
                        } | {
                            /** @enum {string} */
                            kind: "percent";
                            percent: number;
                            capMinor?: number;
                        };
                        currency: string;
                        limitTotal: number;
                        /** @default 1 */
                        perMemberLimit?: number;
                        /** Format: date-time */
                        validFrom: string;
                        /** Format: date-time */
                        validTo: string;
                        minCartMinor?: number;
                        targeting?: {
                            sellers?: string[];
                            categories?: string[];
                        };
                        /** @enum {unknown} */
                        codeMode: "shared" | "unique";
                        /** @description The one code everybody uses (codeMode shared); case-insensitive. */
                        sharedCode?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            value: {
                                /** @enum {string} */
                                kind: "fixed";
                                amountMinor: number;
                            } | {
                                /** @enum {string} */
                                kind: "percent";
                                percent: number;
                                capMinor: number | null;
                            };
                            currency: string;
                            limitTotal: number;
                            perMemberLimit: number;
                            issued: number;
                            leased: number;
                            remaining: number;
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validTo: string;
                            minCartMinor: number;
                            targeting: {
                                sellers?: string[];
                                categories?: string[];
                            };
                            /** @enum {unknown} */
                            codeMode: "shared" | "unique";
                            sharedCode: string | null;
                            ownerSellerId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupon-campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign with its live stock */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            value: {
                                /** @enum {string} */
                                kind: "fixed";
                                amountMinor: number;
                            } | {
                                /** @enum {string} */
                                kind: "percent";
                                percent: number;
                                capMinor: number | null;
                            };
                            currency: string;
                            limitTotal: number;
                            perMemberLimit: number;
                            issued: number;
                            leased: number;
                            remaining: number;
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validTo: string;
                            minCartMinor: number;
                            targeting: {
                                sellers?: string[];
                                categories?: string[];
                            };
                            /** @enum {unknown} */
                            codeMode: "shared" | "unique";
                            sharedCode: string | null;
                            ownerSellerId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupon-campaigns/{id}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate unique codes for a campaign (up to 100,000 a request, never more than its limit) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        count: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            added: number;
                            total: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupon-campaigns/{id}/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a coupon of the campaign to a member (the id is the idempotency key) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Client-chosen coupon id: the idempotency key of this issue. */
                        id: string;
                        memberId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            memberId: string;
                            code: string;
                            /** @enum {unknown} */
                            state: "issued" | "reserved" | "redeemed";
                            /** @enum {unknown} */
                            source: "admin" | "spin" | "reward" | "import";
                            cartId: string | null;
                            /** Format: date-time */
                            reservedUntil: string | null;
                            orderId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            memberId: string;
                            code: string;
                            /** @enum {unknown} */
                            state: "issued" | "reserved" | "redeemed";
                            /** @enum {unknown} */
                            source: "admin" | "spin" | "reward" | "import";
                            cartId: string | null;
                            /** Format: date-time */
                            reservedUntil: string | null;
                            orderId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling member's coupons, newest first, each with what its campaign gives */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                campaignId: string;
                                memberId: string;
                                code: string;
                                /** @enum {unknown} */
                                state: "issued" | "reserved" | "redeemed";
                                /** @enum {unknown} */
                                source: "admin" | "spin" | "reward" | "import";
                                cartId: string | null;
                                /** Format: date-time */
                                reservedUntil: string | null;
                                orderId: string | null;
                                /** Format: date-time */
                                issuedAt: string;
                                campaign: {
                                    name: string;
                                    value: {
                                        /** @enum {string} */
                                        kind: "fixed";
                                        amountMinor: number;
                                    } | {
                                        /** @enum {string} */
                                        kind: "percent";
                                        percent: number;
                                        capMinor: number | null;
                                    };
                                    currency: string;
                                    minCartMinor: number;
                                    /** Format: date-time */
                                    validTo: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/{id}/reservation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reserve a coupon for a cart (it lapses after ttlSeconds) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cartId: string;
                        /** @default 900 */
                        ttlSeconds?: number;
                        memberId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            memberId: string;
                            code: string;
                            /** @enum {unknown} */
                            state: "issued" | "reserved" | "redeemed";
                            /** @enum {unknown} */
                            source: "admin" | "spin" | "reward" | "import";
                            cartId: string | null;
                            /** Format: date-time */
                            reservedUntil: string | null;
                            orderId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** Release a cart's reservation */
        delete: {
            parameters: {
                query: {
                    cartId: string;
                    memberId?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            memberId: string;
                            code: string;
                            /** @enum {unknown} */
                            state: "issued" | "reserved" | "redeemed";
                            /** @enum {unknown} */
                            source: "admin" | "spin" | "reward" | "import";
                            cartId: string | null;
                            /** Format: date-time */
                            reservedUntil: string | null;
                            orderId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/{id}/redemption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeem a coupon with an order (from the cart that reserved it, if any) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orderId: string;
                        cartId?: string;
                        memberId?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            memberId: string;
                            code: string;
                            /** @enum {unknown} */
                            state: "issued" | "reserved" | "redeemed";
                            /** @enum {unknown} */
                            source: "admin" | "spin" | "reward" | "import";
                            cartId: string | null;
                            /** Format: date-time */
                            reservedUntil: string | null;
                            orderId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a coupon back after its order was cancelled or refunded (orders engine or admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orderId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            campaignId: string;
                            memberId: string;
                            code: string;
                            /** @enum {unknown} */
                            state: "issued" | "reserved" | "redeemed";
                            /** @enum {unknown} */
                            source: "admin" | "spin" | "reward" | "import";
                            cartId: string | null;
                            /** Format: date-time */
                            reservedUntil: string | null;
                            orderId: string | null;
                            /** Format: date-time */
                            issuedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wheels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Wheels, newest first: admins (and service keys) every one; members those open for spinning now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                weightMode: string;
                                spinsPerDay: number | null;
                                /** Format: date-time */
                                validFrom: string;
                                /** Format: date-time */
                                validTo: string;
                                slices: {
                                    position: number;
                                    kind: string;
                                    label: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a prize wheel (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {unknown} */
                        weightMode: "stock" | "explicit";
                        spinsPerDay?: number;
                        /** Format: date-time */
                        validFrom: string;
                        /** Format: date-time */
                        validTo: string;
                        slices: {
                            /** @enum {unknown} */
                            kind: "coupon" | "coins" | "nothing";
                            label: string;
                            campaignId?: string;
                            coinAmount?: number;
                            coinSourceAccountId?: string;
                            weight?: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            weightMode: string;
                            spinsPerDay: number | null;
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validTo: string;
                            slices: {
                                position: number;
                                kind: string;
                                label: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wheels/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A wheel and its slices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            weightMode: string;
                            spinsPerDay: number | null;
                            /** Format: date-time */
                            validFrom: string;
                            /** Format: date-time */
                            validTo: string;
                            slices: {
                                position: number;
                                kind: string;
                                label: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wheels/{id}/spins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spin the wheel for the calling member (the id is the idempotency key) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            wheelId: string;
                            memberId: string;
                            /** @description The member's day (its time zone) the spin counts against. */
                            spinDay: string;
                            outcome: {
                                /** @enum {unknown} */
                                kind: "coupon" | "coins" | "nothing";
                                position: number;
                                label: string;
                                couponId?: string;
                                code?: string;
                                campaignId?: string;
                                amount?: number;
                                transferId?: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            wheelId: string;
                            memberId: string;
                            /** @description The member's day (its time zone) the spin counts against. */
                            spinDay: string;
                            outcome: {
                                /** @enum {unknown} */
                                kind: "coupon" | "coins" | "nothing";
                                position: number;
                                label: string;
                                couponId?: string;
                                code?: string;
                                campaignId?: string;
                                amount?: number;
                                transferId?: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupon-campaigns/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A campaign's numbers: stock, coupons by state, returns, members (admins; a seller its own) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            campaignId: string;
                            ownerSellerId: string | null;
                            limitTotal: number;
                            /** @description Coupons issued: settled on the campaign row, plus those used under live leases. */
                            issued: number;
                            /** @description Units leased to server processes and not handed out yet. */
                            leased: number;
                            /** @description limitTotal - issued - leased: what can still be issued or leased. */
                            remaining: number;
                            /** @description Coupons held and not in use: issued, or reserved with the reservation lapsed. */
                            unused: number;
                            /** @description Coupons reserved for a cart; a lapsed reservation counts as none. */
                            reserved: number;
                            redeemed: number;
                            /** @description Times a coupon was given back after its order was cancelled or refunded; one coupon may count more than once. */
                            returned: number;
                            perMember: {
                                limit: number;
                                /** @description Members who hold at least one coupon of the campaign. */
                                holders: number;
                                /** @description Members who hold as many as the per-member limit allows. */
                                atLimit: number;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wheels/{id}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A wheel's live state: spins, hits and what each slice has left (admins) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            wheelId: string;
                            /** @description The wheel is within its validity window now. */
                            active: boolean;
                            totalSpins: number;
                            spinsByKind: {
                                coupon: number;
                                coins: number;
                                nothing: number;
                            };
                            slices: {
                                position: number;
                                /** @enum {unknown} */
                                kind: "coupon" | "coins" | "nothing";
                                label: string;
                                /** @description Spins that landed on this slice. */
                                hits: number;
                                /** @description What the slice has left to give; null for a nothing slice. */
                                left: {
                                    /** @enum {string} */
                                    kind: "coupon";
                                    campaignId: string;
                                    campaignActive: boolean;
                                    remaining: number;
                                    leased: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "coins";
                                    accountId: string;
                                    coinAmount: number;
                                    available: number;
                                    /** @description Prizes the account can still pay: floor(available / coinAmount). */
                                    prizes: number;
                                } | (never | null);
                            }[];
                            /** @description No prize slice has anything left (true too for a wheel without prize slices). */
                            exhausted: boolean;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send activity events: one event, or {"events": [...]} with up to 1,000
         * @description Each item is answered on its own: `accepted` (stored and counted), `duplicate` (this source and id was counted before), `unchanged` (it matches no running game, or only checkpoints already met, so it can change nothing and is not stored) or `rejected` with its error code. Counting is idempotent per (source, id).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: unknown[];
                    } | {
                        id: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accepted: number;
                            duplicates: number;
                            unchanged: number;
                            rejected: number;
                            items: {
                                id: string | null;
                                /** @enum {unknown} */
                                status: "accepted" | "duplicate" | "unchanged" | "rejected";
                                completed?: {
                                    gameId: string;
                                    milestoneKey: string;
                                    windowKey: string;
                                    /** @enum {unknown} */
                                    status: "paid" | "verifying" | "rejected" | "budget_exhausted" | "payout_failed";
                                }[];
                                error?: {
                                    code: string;
                                    message: string;
                                    details?: unknown;
                                };
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/members/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member's progress in every running game: checkpoints, streaks, next reset in the member's time zone
         * @description A member sees its own; admins and service keys with rewards:read see anyone's. Another member's progress does not exist for the caller (404).
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            memberId: string;
                            timeZone: string;
                            games: {
                                gameId: string;
                                name: string;
                                /** Format: date-time */
                                endsAt: string;
                                milestones: {
                                    key: string;
                                    name: string;
                                    window: string;
                                    windowKey: string | null;
                                    repeats: boolean;
                                    /** Format: date-time */
                                    nextResetAt: string | null;
                                    completed: boolean;
                                    completion: {
                                        status: string;
                                        coins: number;
                                        /** Format: date-time */
                                        completedAt: string;
                                    } | null;
                                    reward: {
                                        coins: number;
                                        couponCampaignId: string | null;
                                    };
                                    checkpoints: {
                                        key: string;
                                        kind: string;
                                        current: number;
                                        target: number;
                                        met: boolean;
                                        streak?: {
                                            current: number;
                                            longest: number;
                                            freezes: number;
                                        };
                                    }[];
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/games": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Games, by id */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                /** Format: date-time */
                                startsAt: string;
                                /** Format: date-time */
                                endsAt: string;
                                active: boolean;
                                audience: unknown;
                                milestones: unknown[];
                                budgetCoins: number;
                                spentCoins: number;
                                fundingAccountId: string | null;
                                verification: {
                                    url: string;
                                } | null;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a game of milestones and checkpoints (admins) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: date-time */
                        startsAt: string;
                        /** Format: date-time */
                        endsAt: string;
                        audience?: {
                            roles?: ("buyer" | "seller" | "admin")[];
                            memberIds?: string[];
                        };
                        budgetCoins: number;
                        fundingAccountId?: string;
                        verification?: {
                            url: string;
                            secret: string;
                        };
                        milestones: {
                            /** @description Lower-case slug, unique in its parent. */
                            key: string;
                            name: string;
                            window: {
                                /** @enum {string} */
                                kind: "all_time";
                            } | {
                                /** @enum {string} */
                                kind: "daily";
                            } | {
                                /** @enum {string} */
                                kind: "weekly";
                            } | {
                                /** @enum {string} */
                                kind: "range";
                                /** Format: date-time */
                                from: string;
                                /** Format: date-time */
                                to: string;
                            };
                            /** @default false */
                            repeats?: boolean;
                            checkpoints: {
                                /** @description Lower-case slug, unique in its parent. */
                                key: string;
                                /** @enum {unknown} */
                                kind: "flag" | "count" | "distinct" | "streak";
                                eventType: string;
                                /** @default [] */
                                filters?: ({
                                    /** @description Dotted path into the event's attributes. */
                                    path: string;
                                    /** @enum {string} */
                                    op: "eq";
                                    value: (string | number) | boolean;
                                } | {
                                    /** @description Dotted path into the event's attributes. */
                                    path: string;
                                    /** @enum {string} */
                                    op: "in";
                                    values: (string | number)[];
                                } | {
                                    /** @description Dotted path into the event's attributes. */
                                    path: string;
                                    /** @enum {string} */
                                    op: "range";
                                    min?: number;
                                    max?: number;
                                })[];
                                target: number;
                                /** @description Dotted path into the event's attributes. */
                                distinctBy?: string;
                                minPerDay?: number;
                                freezes?: number;
                            }[];
                            reward: {
                                coins?: number;
                                couponCampaignId?: string;
                            };
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string;
                            active: boolean;
                            audience: unknown;
                            milestones: unknown[];
                            budgetCoins: number;
                            spentCoins: number;
                            fundingAccountId: string | null;
                            verification: {
                                url: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/games/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A game */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string;
                            active: boolean;
                            audience: unknown;
                            milestones: unknown[];
                            budgetCoins: number;
                            spentCoins: number;
                            fundingAccountId: string | null;
                            verification: {
                                url: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a game's name, end, budget or active switch (its milestones are fixed) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** Format: date-time */
                        endsAt?: string;
                        active?: boolean;
                        budgetCoins?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            /** Format: date-time */
                            startsAt: string;
                            /** Format: date-time */
                            endsAt: string;
                            active: boolean;
                            audience: unknown;
                            milestones: unknown[];
                            budgetCoins: number;
                            spentCoins: number;
                            fundingAccountId: string | null;
                            verification: {
                                url: string;
                            } | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/games/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Completions, coins paid, budget left and distinct participants per day */
        get: {
            parameters: {
                query?: {
                    days?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            gameId: string;
                            budgetCoins: number;
                            spentCoins: number;
                            budgetLeft: number;
                            coinsPaid: number;
                            /** @description Completions by status. */
                            completions: {
                                [key: string]: number;
                            };
                            byMilestone: {
                                milestoneKey: string;
                                completions: number;
                                coinsPaid: number;
                            }[];
                            /** @description Distinct members with a matching event per UTC day: a HyperLogLog estimate. */
                            participantsPerDay: {
                                day: string;
                                estimate: number;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/games/{id}/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A game's completions, newest first; `status=verifying` lists pending and parked verifications */
        get: {
            parameters: {
                query?: {
                    status?: "paid" | "verifying" | "rejected" | "budget_exhausted" | "payout_failed";
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                gameId: string;
                                milestoneKey: string;
                                memberId: string;
                                /** @description The window for a repeating milestone, `once` otherwise. */
                                completionKey: string;
                                windowKey: string;
                                status: string;
                                coins: number;
                                transferId: string | null;
                                couponId: string | null;
                                couponStatus: string | null;
                                /** @description Why a payout failed, or the last verification error. */
                                detail: string | null;
                                verifyAttempts: number;
                                /**
                                 * Format: date-time
                                 * @description Null for a parked verification: it waits for an admin's retry.
                                 */
                                nextVerifyAt: string | null;
                                /** Format: date-time */
                                completedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/games/{id}/completions/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask the source again, now, to verify a completion that is waiting or was parked after failed attempts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        milestoneKey: string;
                        memberId: string;
                        completionKey: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            scheduled: boolean;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Promotions with their uses, newest first: admins every one, sellers their own */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                conditions: unknown[];
                                action: unknown;
                                priority: number;
                                exclusivityGroup: string | null;
                                stackable: boolean;
                                base: string;
                                active: boolean;
                                ownerSellerId: string | null;
                                usesLimit: number | null;
                                usesPerMember: number | null;
                                budgetMinor: number | null;
                                uses: number;
                                spentMinor: number;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a promotion (admins; sellers for their own items only)
         * @description A seller's promotion always carries a sellers condition naming only that seller, whatever the body says.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        conditions: ({
                            /** @enum {string} */
                            kind: "sellers";
                            ids: string[];
                        } | {
                            /** @enum {string} */
                            kind: "campaigns";
                            ids: string[];
                        } | {
                            /** @enum {string} */
                            kind: "categories";
                            ids: string[];
                        } | {
                            /** @enum {string} */
                            kind: "brands";
                            ids: string[];
                        } | {
                            /** @enum {string} */
                            kind: "products";
                            ids: string[];
                        } | {
                            /** @enum {string} */
                            kind: "min_cart_amount";
                            amountMinor: number;
                        } | {
                            /** @enum {string} */
                            kind: "min_quantity";
                            quantity: number;
                        } | {
                            /** @enum {string} */
                            kind: "member_groups";
                            groups: string[];
                        } | {
                            /** @enum {string} */
                            kind: "first_order";
                        } | {
                            /** @enum {string} */
                            kind: "new_member";
                            withinDays: number;
                        } | {
                            /** @enum {string} */
                            kind: "channel";
                            channels: ("web" | "ios" | "android")[];
                        } | {
                            /** @enum {string} */
                            kind: "payment_method";
                            methods: string[];
                        } | {
                            /** @enum {string} */
                            kind: "region";
                            regions?: string[];
                            cities?: string[];
                        } | {
                            /** @enum {string} */
                            kind: "window";
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                        } | {
                            /** @enum {string} */
                            kind: "schedule";
                            timeZone: string;
                            isoWeekdays: number[];
                            fromMinute: number;
                            toMinute: number;
                        } | {
                            /** @enum {string} */
                            kind: "coupon_code";
                            code: string;
                        })[];
                        action: {
                            /** @enum {string} */
                            kind: "percent_off";
                            percent: number;
                            capMinor?: number;
                        } | {
                            /** @enum {string} */
                            kind: "amount_off";
                            amountMinor: number;
                        } | {
                            /** @enum {string} */
                            kind: "fixed_unit_price";
                            unitPriceMinor: number;
                        } | {
                            /** @enum {string} */
                            kind: "buy_x_get_y";
                            buy: number;
                            get: number;
                            percentOff: number;
                        } | {
                            /** @enum {string} */
                            kind: "tiered_spend";
                            tiers: {
                                minSpendMinor: number;
                                offMinor: number;
                            }[];
                        } | {
                            /** @enum {string} */
                            kind: "free_shipping";
                        } | {
                            /** @enum {string} */
                            kind: "gift_item";
                            productId: string;
                        } | {
                            /** @enum {string} */
                            kind: "coin_cashback";
                            percent: number;
                            capCoins?: number;
                        };
                        /** @default 0 */
                        priority?: number;
                        exclusivityGroup?: string;
                        /** @default true */
                        stackable?: boolean;
                        /** @enum {unknown} */
                        base?: "original" | "discounted";
                        usesLimit?: number;
                        usesPerMember?: number;
                        budgetMinor?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            conditions: unknown[];
                            action: unknown;
                            priority: number;
                            exclusivityGroup: string | null;
                            stackable: boolean;
                            base: string;
                            active: boolean;
                            ownerSellerId: string | null;
                            usesLimit: number | null;
                            usesPerMember: number | null;
                            budgetMinor: number | null;
                            uses: number;
                            spentMinor: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A promotion with its uses */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            conditions: unknown[];
                            action: unknown;
                            priority: number;
                            exclusivityGroup: string | null;
                            stackable: boolean;
                            base: string;
                            active: boolean;
                            ownerSellerId: string | null;
                            usesLimit: number | null;
                            usesPerMember: number | null;
                            budgetMinor: number | null;
                            uses: number;
                            spentMinor: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename, deactivate or reactivate a promotion */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            conditions: unknown[];
                            action: unknown;
                            priority: number;
                            exclusivityGroup: string | null;
                            stackable: boolean;
                            base: string;
                            active: boolean;
                            ownerSellerId: string | null;
                            usesLimit: number | null;
                            usesPerMember: number | null;
                            budgetMinor: number | null;
                            uses: number;
                            spentMinor: number;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/promotion-redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem a promotion for an order: one use, the discount from its budget, one of the member's uses (the orders engine; admins)
         * @description The id is the idempotency key: a retry answers 200 with the same redemption.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id: string;
                        promotionId: string;
                        orderId: string;
                        memberId?: string;
                        discountMinor: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            promotionId: string;
                            orderId: string;
                            memberId: string | null;
                            discountMinor: number;
                            /** @enum {unknown} */
                            status: "redeemed" | "reversed";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            reversedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            promotionId: string;
                            orderId: string;
                            memberId: string | null;
                            discountMinor: number;
                            /** @enum {unknown} */
                            status: "redeemed" | "reversed";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            reversedAt: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotion-redemptions/{id}/reversal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a redemption back (a cancelled or refunded order); repeating it changes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            promotionId: string;
                            orderId: string;
                            memberId: string | null;
                            discountMinor: number;
                            /** @enum {unknown} */
                            status: "redeemed" | "reversed";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            reversedAt: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/promotions/shadow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shadow mode: carts priced both through the index and by a full scan, and how many differed */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            enabled: boolean;
                            carts: number;
                            differences: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/carts/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Price a cart: the best combination of promotions, per-line adjustments, totals, and why the others did not apply
         * @description A member prices its own cart (its groups, join date and first order count); a service key prices an anonymous one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currency: string;
                        lines: {
                            lineId?: string;
                            productId: string;
                            sellerId: string;
                            categoryId: string;
                            brandId: string;
                            campaignIds?: string[];
                            unitPriceMinor: number;
                            quantity: number;
                        }[];
                        shippingMinor?: number;
                        /** @enum {unknown} */
                        channel?: "web" | "ios" | "android";
                        paymentMethod?: string;
                        region?: string;
                        city?: string;
                        couponCodes?: string[];
                        /** @description For a service key (a checkout): price the cart for this member (its groups, join date). A member key prices its own cart and may only name itself. */
                        memberId?: string;
                        /** @description Also return why each other candidate did not apply (notApplied) and which applied but lost (outranked). Off by default: a cart page prices on every change and rarely needs them. */
                        explain?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            currency: string;
                            subtotalMinor: number;
                            totalDiscountMinor: number;
                            shippingMinor: number;
                            totalMinor: number;
                            applied: {
                                promotionId: string;
                                /** @description Taken off the lines */
                                discountMinor: number;
                                shippingOffMinor: number;
                                /** @description Paid through the wallet when the order completes */
                                cashbackCoins: number;
                                giftProductId: string | null;
                                /** @description What it took from each line */
                                lines: {
                                    lineId: string;
                                    discountMinor: number;
                                }[];
                            }[];
                            lines: {
                                lineId: string;
                                originalMinor: number;
                                discountMinor: number;
                                finalMinor: number;
                            }[];
                            /** @description Promotions that failed only on spend or quantity: "add 42.50 more for 10% off" */
                            nearMisses: {
                                promotionId: string;
                                /** @description How much more spend would meet it */
                                missingMinor?: number;
                                /** @description How many more of the promoted items would meet it */
                                missingQuantity?: number;
                            }[];
                            notApplied?: {
                                promotionId: string;
                                failures: {
                                    condition: string;
                                    message: string;
                                    /** @description How much more spend would meet it */
                                    missingMinor?: number;
                                    /** @description How many more of the promoted items would meet it */
                                    missingQuantity?: number;
                                }[];
                            }[];
                            outranked?: string[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/listings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the listings you may see: text (typo-tolerant), category, price range, attributes, seller, distance; ranked */
        get: {
            parameters: {
                query?: {
                    /** @description Words in the title or description; a title also matches despite typos (trigram similarity) */
                    q?: string;
                    category?: string;
                    /** @description Only listings priced in this currency (what a price range means) */
                    currency?: string;
                    /** @description Only listings in this state: for a seller's own (buyers only ever see active ones) */
                    state?: "draft" | "active" | "sold" | "withdrawn";
                    minPriceMinor?: number;
                    maxPriceMinor?: number;
                    sellerId?: string;
                    /** @description name:value, repeatable: the attribute's value (as text) equals value */
                    attr?: string[];
                    lat?: number;
                    lng?: number;
                    /** @description With lat and lng: only listings within this great-circle distance */
                    radiusKm?: number;
                    /** @description score (the default with q or a point): see docs/marketplace.md; newest (the default otherwise); price_asc; price_desc */
                    sort?: "score" | "newest" | "price_asc" | "price_desc";
                    /** @description Also count the matches you may see, in total and by category */
                    facets?: boolean;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                sellerId: string;
                                title: string;
                                description: string;
                                category: string;
                                priceMinor: number;
                                currency: string;
                                quantity: number;
                                condition: string;
                                attributes: {
                                    [key: string]: unknown;
                                };
                                location: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                images: string[];
                                surgeMaxBp: number | null;
                                /** @description The surge a buyer pays now, and why; null: none. The stored price never changes. */
                                surge: {
                                    multiplierBp: number;
                                    /** @description What the listing costs now: priceMinor times the multiplier, rounded half up */
                                    priceMinor: number;
                                    reason: string;
                                } | null;
                                /** @enum {unknown} */
                                state: "draft" | "active" | "sold" | "withdrawn";
                                /** @description Only for the listing's seller and admins */
                                audience?: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                score?: number;
                                distanceKm?: number;
                            }[];
                            nextCursor: string | null;
                            facets?: {
                                total: number;
                                categories: {
                                    category: string;
                                    count: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a listing (a draft; approved sellers) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                        description?: string;
                        category: string;
                        priceMinor: number;
                        currency: string;
                        quantity: number;
                        /** @enum {unknown} */
                        condition: "new" | "like_new" | "good" | "fair" | "for_parts";
                        /** @description JSON object, at most 4096 bytes, names up to 64 characters */
                        attributes?: {
                            [key: string]: unknown;
                        };
                        location?: {
                            lat: number;
                            lng: number;
                        } | null;
                        images?: string[];
                        /** @description all approved buyers; restricted: the buyers on these lists and these buyers; hidden: nobody but you */
                        audience?: {
                            /** @enum {string} */
                            kind: "all";
                        } | {
                            /** @enum {string} */
                            kind: "hidden";
                        } | {
                            /** @enum {string} */
                            kind: "restricted";
                            listIds: string[];
                            buyerIds: string[];
                        };
                        /** @description Opt in to surge pricing with a cap on the multiplier, in basis points (15000 = at most 1.5x); null: off */
                        surgeMaxBp?: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            sellerId: string;
                            title: string;
                            description: string;
                            category: string;
                            priceMinor: number;
                            currency: string;
                            quantity: number;
                            condition: string;
                            attributes: {
                                [key: string]: unknown;
                            };
                            location: {
                                lat: number;
                                lng: number;
                            } | null;
                            images: string[];
                            surgeMaxBp: number | null;
                            /** @description The surge a buyer pays now, and why; null: none. The stored price never changes. */
                            surge: {
                                multiplierBp: number;
                                /** @description What the listing costs now: priceMinor times the multiplier, rounded half up */
                                priceMinor: number;
                                reason: string;
                            } | null;
                            /** @enum {unknown} */
                            state: "draft" | "active" | "sold" | "withdrawn";
                            /** @description Only for the listing's seller and admins */
                            audience?: unknown;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/listings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A listing, if you may see it (else 404) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            sellerId: string;
                            title: string;
                            description: string;
                            category: string;
                            priceMinor: number;
                            currency: string;
                            quantity: number;
                            condition: string;
                            attributes: {
                                [key: string]: unknown;
                            };
                            location: {
                                lat: number;
                                lng: number;
                            } | null;
                            images: string[];
                            surgeMaxBp: number | null;
                            /** @description The surge a buyer pays now, and why; null: none. The stored price never changes. */
                            surge: {
                                multiplierBp: number;
                                /** @description What the listing costs now: priceMinor times the multiplier, rounded half up */
                                priceMinor: number;
                                reason: string;
                            } | null;
                            /** @enum {unknown} */
                            state: "draft" | "active" | "sold" | "withdrawn";
                            /** @description Only for the listing's seller and admins */
                            audience?: unknown;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a listing of yours: fields, audience, state (publish: active) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title?: string;
                        description?: string;
                        category?: string;
                        priceMinor?: number;
                        quantity?: number;
                        /** @enum {unknown} */
                        condition?: "new" | "like_new" | "good" | "fair" | "for_parts";
                        /** @description JSON object, at most 4096 bytes, names up to 64 characters */
                        attributes?: {
                            [key: string]: unknown;
                        };
                        location?: {
                            lat: number;
                            lng: number;
                        } | null;
                        images?: string[];
                        /** @description all approved buyers; restricted: the buyers on these lists and these buyers; hidden: nobody but you */
                        audience?: {
                            /** @enum {string} */
                            kind: "all";
                        } | {
                            /** @enum {string} */
                            kind: "hidden";
                        } | {
                            /** @enum {string} */
                            kind: "restricted";
                            listIds: string[];
                            buyerIds: string[];
                        };
                        /** @description Opt in to surge pricing with a cap on the multiplier, in basis points (15000 = at most 1.5x); null: off */
                        surgeMaxBp?: number | null;
                        /** @enum {unknown} */
                        state?: "active" | "sold" | "withdrawn";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            sellerId: string;
                            title: string;
                            description: string;
                            category: string;
                            priceMinor: number;
                            currency: string;
                            quantity: number;
                            condition: string;
                            attributes: {
                                [key: string]: unknown;
                            };
                            location: {
                                lat: number;
                                lng: number;
                            } | null;
                            images: string[];
                            surgeMaxBp: number | null;
                            /** @description The surge a buyer pays now, and why; null: none. The stored price never changes. */
                            surge: {
                                multiplierBp: number;
                                /** @description What the listing costs now: priceMinor times the multiplier, rounded half up */
                                priceMinor: number;
                                reason: string;
                            } | null;
                            /** @enum {unknown} */
                            state: "draft" | "active" | "sold" | "withdrawn";
                            /** @description Only for the listing's seller and admins */
                            audience?: unknown;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/sellers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A seller's profile and rating, if you may see its listings (else 404) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            displayName: string;
                            /** Format: date-time */
                            memberSince: string;
                            /** @description Stars 1-5 from buyers of completed orders */
                            rating: {
                                average: number | null;
                                count: number;
                            };
                            /** @description Active listings of this seller you may see */
                            listings: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/listings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A seller's storefront: its listings you may see, searched and ranked as /v1/listings (404 for a seller you may not see) */
        get: {
            parameters: {
                query?: {
                    /** @description Words in the title or description; a title also matches despite typos (trigram similarity) */
                    q?: string;
                    category?: string;
                    /** @description Only listings priced in this currency (what a price range means) */
                    currency?: string;
                    /** @description Only listings in this state: for a seller's own (buyers only ever see active ones) */
                    state?: "draft" | "active" | "sold" | "withdrawn";
                    minPriceMinor?: number;
                    maxPriceMinor?: number;
                    /** @description name:value, repeatable: the attribute's value (as text) equals value */
                    attr?: string[];
                    lat?: number;
                    lng?: number;
                    /** @description With lat and lng: only listings within this great-circle distance */
                    radiusKm?: number;
                    /** @description score (the default with q or a point): see docs/marketplace.md; newest (the default otherwise); price_asc; price_desc */
                    sort?: "score" | "newest" | "price_asc" | "price_desc";
                    /** @description Also count the matches you may see, in total and by category */
                    facets?: boolean;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                sellerId: string;
                                title: string;
                                description: string;
                                category: string;
                                priceMinor: number;
                                currency: string;
                                quantity: number;
                                condition: string;
                                attributes: {
                                    [key: string]: unknown;
                                };
                                location: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                images: string[];
                                surgeMaxBp: number | null;
                                /** @description The surge a buyer pays now, and why; null: none. The stored price never changes. */
                                surge: {
                                    multiplierBp: number;
                                    /** @description What the listing costs now: priceMinor times the multiplier, rounded half up */
                                    priceMinor: number;
                                    reason: string;
                                } | null;
                                /** @enum {unknown} */
                                state: "draft" | "active" | "sold" | "withdrawn";
                                /** @description Only for the listing's seller and admins */
                                audience?: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                score?: number;
                                distanceKm?: number;
                            }[];
                            nextCursor: string | null;
                            facets?: {
                                total: number;
                                categories: {
                                    category: string;
                                    count: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/listings/nearby": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The nearest listings you may see, within a radius (great-circle km) or the k nearest, nearest first */
        get: {
            parameters: {
                query: {
                    lat: number;
                    lng: number;
                    /** @description Great-circle radius; at most half the Earth's circumference. Without it: the `limit` nearest at any distance. */
                    radiusKm?: number;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                sellerId: string;
                                title: string;
                                description: string;
                                category: string;
                                priceMinor: number;
                                currency: string;
                                quantity: number;
                                condition: string;
                                attributes: {
                                    [key: string]: unknown;
                                };
                                location: {
                                    lat: number;
                                    lng: number;
                                } | null;
                                images: string[];
                                surgeMaxBp: number | null;
                                /** @description The surge a buyer pays now, and why; null: none. The stored price never changes. */
                                surge: {
                                    multiplierBp: number;
                                    /** @description What the listing costs now: priceMinor times the multiplier, rounded half up */
                                    priceMinor: number;
                                    reason: string;
                                } | null;
                                /** @enum {unknown} */
                                state: "draft" | "active" | "sold" | "withdrawn";
                                /** @description Only for the listing's seller and admins */
                                audience?: unknown;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                                distanceKm: number;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buyer-lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your buyer lists */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                name: string;
                                buyerIds: string[];
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a named list of buyers (an audience for your listings) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            buyerIds: string[];
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/buyer-lists/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a list's buyers (takes effect on the next request) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        buyerIds: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            buyerIds: string[];
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/ratings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ratings a seller received, newest first (404 for a seller you may not see) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description Only for the rated seller (and admins) */
                                orderId: string | null;
                                stars: number;
                                comment: string;
                                buyerName: string;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/seller-blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The buyers you blocked, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                buyerId: string;
                                displayName: string;
                                /** Format: date-time */
                                blockedAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/seller-blocks/{buyerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Block a buyer: it sees none of your listings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    buyerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /** Unblock a buyer */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    buyerId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your orders as buyer or seller, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description Your orders as a buyer (the default) or as a seller */
                    as?: "buyer" | "seller";
                    state?: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                buyerId: string;
                                sellerId: string;
                                buyerName: string;
                                sellerName: string;
                                /** @description The buyer's rating of the seller for this order, once given */
                                rating: {
                                    stars: number;
                                    comment: string;
                                } | null;
                                /** @description What was bought: one line per listing */
                                lines: {
                                    listingId: string;
                                    title: string;
                                    quantity: number;
                                    /** @description The listing's stored price a unit */
                                    listPriceMinor: number;
                                    /** @description The surge multiplier paid, in basis points (10000: none) */
                                    surgeBp: number;
                                    unitPriceMinor: number;
                                }[];
                                /** @description The lines' unitPriceMinor x quantity, summed */
                                subtotalMinor: number;
                                /** @description Taken off by the promotions and the coupon the order redeemed */
                                discountMinor: number;
                                /** @description Coins the promotions pay the buyer when the order completes */
                                cashbackCoins: number;
                                /** @description The coupon redeemed with the order, and its part of discountMinor */
                                coupon: {
                                    id: string;
                                    discountMinor: number;
                                } | null;
                                /** @description subtotalMinor - discountMinor */
                                totalMinor: number;
                                currency: string;
                                payment: {
                                    /** @enum {unknown} */
                                    method: "wallet" | "card";
                                    holdTransferId: string | null;
                                    providerPaymentId: string | null;
                                    /** @description A new card order only: what the buyer's client confirms the payment with */
                                    clientSecret?: string;
                                };
                                /** @enum {unknown} */
                                state: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                                history: {
                                    from: ("pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded") | (never | null);
                                    /** @enum {unknown} */
                                    to: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                                    /** @description null: Trove itself (a payment webhook, the unpaid-order job) */
                                    by: string | null;
                                    /** Format: date-time */
                                    at: string;
                                }[];
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                updatedAt: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Check out: buy one listing now (listingId) or a cart of one seller's listings (lines), from your wallet in its currency (held until you complete the order) or by card (the order waits for the payment). Idempotency-Key supported. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 1 if not given */
                        quantity?: number;
                        /** @description The unit price shown to the buyer (with any surge); a different price now refuses the order */
                        expectedUnitPriceMinor?: number;
                        /** @description Buy one listing now (with quantity and expectedUnitPriceMinor); or give lines */
                        listingId?: string;
                        /** @description A cart: one seller's listings in one currency, each once */
                        lines?: {
                            listingId: string;
                            /** @description 1 if not given */
                            quantity?: number;
                            /** @description The unit price shown to the buyer (with any surge); a different price now refuses the order */
                            expectedUnitPriceMinor?: number;
                        }[];
                        /**
                         * @description wallet (the default): held in your wallet at once; card: the order waits for the payment provider (answer: payment.clientSecret)
                         * @default wallet
                         * @enum {unknown}
                         */
                        payment?: "wallet" | "card";
                        /** @description A coupon you hold, redeemed with the order */
                        couponId?: string;
                        /** @description For promotions that ask for a coupon code */
                        couponCodes?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            buyerId: string;
                            sellerId: string;
                            buyerName: string;
                            sellerName: string;
                            /** @description The buyer's rating of the seller for this order, once given */
                            rating: {
                                stars: number;
                                comment: string;
                            } | null;
                            /** @description What was bought: one line per listing */
                            lines: {
                                listingId: string;
                                title: string;
                                quantity: number;
                                /** @description The listing's stored price a unit */
                                listPriceMinor: number;
                                /** @description The surge multiplier paid, in basis points (10000: none) */
                                surgeBp: number;
                                unitPriceMinor: number;
                            }[];
                            /** @description The lines' unitPriceMinor x quantity, summed */
                            subtotalMinor: number;
                            /** @description Taken off by the promotions and the coupon the order redeemed */
                            discountMinor: number;
                            /** @description Coins the promotions pay the buyer when the order completes */
                            cashbackCoins: number;
                            /** @description The coupon redeemed with the order, and its part of discountMinor */
                            coupon: {
                                id: string;
                                discountMinor: number;
                            } | null;
                            /** @description subtotalMinor - discountMinor */
                            totalMinor: number;
                            currency: string;
                            payment: {
                                /** @enum {unknown} */
                                method: "wallet" | "card";
                                holdTransferId: string | null;
                                providerPaymentId: string | null;
                                /** @description A new card order only: what the buyer's client confirms the payment with */
                                clientSecret?: string;
                            };
                            /** @enum {unknown} */
                            state: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                            history: {
                                from: ("pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded") | (never | null);
                                /** @enum {unknown} */
                                to: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                                /** @description null: Trove itself (a payment webhook, the unpaid-order job) */
                                by: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What checking out would cost now, taking nothing: lines at today's prices, the promotions that apply, why others do not and how close they are, the coupon's value, the totals
         * @description The same body as `POST /v1/orders`, refused for the same reasons.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 1 if not given */
                        quantity?: number;
                        /** @description The unit price shown to the buyer (with any surge); a different price now refuses the order */
                        expectedUnitPriceMinor?: number;
                        /** @description Buy one listing now (with quantity and expectedUnitPriceMinor); or give lines */
                        listingId?: string;
                        /** @description A cart: one seller's listings in one currency, each once */
                        lines?: {
                            listingId: string;
                            /** @description 1 if not given */
                            quantity?: number;
                            /** @description The unit price shown to the buyer (with any surge); a different price now refuses the order */
                            expectedUnitPriceMinor?: number;
                        }[];
                        /**
                         * @description wallet (the default): held in your wallet at once; card: the order waits for the payment provider (answer: payment.clientSecret)
                         * @default wallet
                         * @enum {unknown}
                         */
                        payment?: "wallet" | "card";
                        /** @description A coupon you hold, redeemed with the order */
                        couponId?: string;
                        /** @description For promotions that ask for a coupon code */
                        couponCodes?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sellerId: string;
                            currency: string;
                            lines: {
                                listingId: string;
                                title: string;
                                quantity: number;
                                /** @description The listing's stored price a unit */
                                listPriceMinor: number;
                                /** @description The surge multiplier paid, in basis points (10000: none) */
                                surgeBp: number;
                                unitPriceMinor: number;
                            }[];
                            subtotalMinor: number;
                            /** @description Promotions and coupon */
                            discountMinor: number;
                            totalMinor: number;
                            /** @description Coins the promotions would pay back when the order completes */
                            cashbackCoins: number;
                            coupon: {
                                id: string;
                                discountMinor: number;
                            } | null;
                            promotions: {
                                applied: {
                                    promotionId: string;
                                    name: string;
                                    discountMinor: number;
                                    shippingOffMinor: number;
                                    cashbackCoins: number;
                                    giftProductId: string | null;
                                }[];
                                /** @description Candidates that did not apply, and which of their conditions failed */
                                notApplied: {
                                    promotionId: string;
                                    name: string;
                                    failures: {
                                        condition: string;
                                        message: string;
                                        missingMinor?: number;
                                        missingQuantity?: number;
                                    }[];
                                }[];
                                /** @description Promotions a little more spend or quantity would unlock: "add 42.50 more for 10% off" */
                                nearMisses: {
                                    promotionId: string;
                                    name: string;
                                    missingMinor?: number;
                                    missingQuantity?: number;
                                }[];
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An order you bought or sold (else 404) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            buyerId: string;
                            sellerId: string;
                            buyerName: string;
                            sellerName: string;
                            /** @description The buyer's rating of the seller for this order, once given */
                            rating: {
                                stars: number;
                                comment: string;
                            } | null;
                            /** @description What was bought: one line per listing */
                            lines: {
                                listingId: string;
                                title: string;
                                quantity: number;
                                /** @description The listing's stored price a unit */
                                listPriceMinor: number;
                                /** @description The surge multiplier paid, in basis points (10000: none) */
                                surgeBp: number;
                                unitPriceMinor: number;
                            }[];
                            /** @description The lines' unitPriceMinor x quantity, summed */
                            subtotalMinor: number;
                            /** @description Taken off by the promotions and the coupon the order redeemed */
                            discountMinor: number;
                            /** @description Coins the promotions pay the buyer when the order completes */
                            cashbackCoins: number;
                            /** @description The coupon redeemed with the order, and its part of discountMinor */
                            coupon: {
                                id: string;
                                discountMinor: number;
                            } | null;
                            /** @description subtotalMinor - discountMinor */
                            totalMinor: number;
                            currency: string;
                            payment: {
                                /** @enum {unknown} */
                                method: "wallet" | "card";
                                holdTransferId: string | null;
                                providerPaymentId: string | null;
                                /** @description A new card order only: what the buyer's client confirms the payment with */
                                clientSecret?: string;
                            };
                            /** @enum {unknown} */
                            state: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                            history: {
                                from: ("pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded") | (never | null);
                                /** @enum {unknown} */
                                to: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                                /** @description null: Trove itself (a payment webhook, the unpaid-order job) */
                                by: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Take a step: ship, deliver (seller); complete (buyer: pays the seller); cancel (either, before shipping); refund (seller, after). Idempotency-Key supported. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    action: "ship" | "deliver" | "complete" | "cancel" | "refund";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            buyerId: string;
                            sellerId: string;
                            buyerName: string;
                            sellerName: string;
                            /** @description The buyer's rating of the seller for this order, once given */
                            rating: {
                                stars: number;
                                comment: string;
                            } | null;
                            /** @description What was bought: one line per listing */
                            lines: {
                                listingId: string;
                                title: string;
                                quantity: number;
                                /** @description The listing's stored price a unit */
                                listPriceMinor: number;
                                /** @description The surge multiplier paid, in basis points (10000: none) */
                                surgeBp: number;
                                unitPriceMinor: number;
                            }[];
                            /** @description The lines' unitPriceMinor x quantity, summed */
                            subtotalMinor: number;
                            /** @description Taken off by the promotions and the coupon the order redeemed */
                            discountMinor: number;
                            /** @description Coins the promotions pay the buyer when the order completes */
                            cashbackCoins: number;
                            /** @description The coupon redeemed with the order, and its part of discountMinor */
                            coupon: {
                                id: string;
                                discountMinor: number;
                            } | null;
                            /** @description subtotalMinor - discountMinor */
                            totalMinor: number;
                            currency: string;
                            payment: {
                                /** @enum {unknown} */
                                method: "wallet" | "card";
                                holdTransferId: string | null;
                                providerPaymentId: string | null;
                                /** @description A new card order only: what the buyer's client confirms the payment with */
                                clientSecret?: string;
                            };
                            /** @enum {unknown} */
                            state: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                            history: {
                                from: ("pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded") | (never | null);
                                /** @enum {unknown} */
                                to: "pending_payment" | "paid" | "shipped" | "delivered" | "completed" | "cancelled" | "refunded";
                                /** @description null: Trove itself (a payment webhook, the unpaid-order job) */
                                by: string | null;
                                /** Format: date-time */
                                at: string;
                            }[];
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/rating": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rate the seller of your completed order, once (1-5 stars); feeds its rating and search ranking */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        stars: number;
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orderId: string;
                            stars: number;
                            comment: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The payment provider's webhook (Stripe format): verified by its Stripe-Signature, applied once per event id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            received: true;
                            duplicate: boolean;
                            result: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/sandbox/{paymentId}/{outcome}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sandbox provider only: settle your card order's payment as a card form would (succeeded or canceled); the provider's event is applied as its webhook would be */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentId: string;
                    outcome: "succeeded" | "canceled";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {boolean} */
                            received: true;
                            duplicate: boolean;
                            result: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auctions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Auctions newest first: your own (as=seller), those you bid on (as=bidder), or those on a listing (listingId); only what you may see */
        get: {
            parameters: {
                query?: {
                    /** @description seller: your own auctions; bidder: those you bid on */
                    as?: "seller" | "bidder";
                    listingId?: string;
                    state?: "open" | "closed";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                listingId: string;
                                sellerId: string;
                                title: string;
                                currency: string;
                                /** @enum {unknown} */
                                kind: "english" | "sealed_first" | "sealed_second";
                                startPriceMinor: number;
                                /** @description What the leader pays if the auction ended now (sealed: the start price until the close reveals it) */
                                priceMinor: number;
                                /** @description The least a new bid may be; null once closed */
                                minimumBidMinor: number | null;
                                bidCount: number;
                                /** @description You lead */
                                leading: boolean;
                                /** @description Your proxy maximum, when you lead; sealed: your standing bid */
                                yourMaxMinor: number | null;
                                reserve: {
                                    met: boolean;
                                    /** @description Only for the seller */
                                    reserveMinor?: number;
                                } | null;
                                /** @description While available */
                                buyNowMinor: number | null;
                                antiSniping: {
                                    windowS: number;
                                    extendS: number;
                                };
                                /** Format: date-time */
                                endsAt: string;
                                /** @enum {unknown} */
                                state: "open" | "closed";
                                outcome: ("sold" | "bought_now" | "no_bids" | "reserve_not_met") | (never | null);
                                /** @description The sale's order: for its buyer and the seller */
                                orderId: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                closedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Auction one unit of your active listing (English, proxy bids, hidden reserve, buy-now, anti-sniping). Idempotency-Key supported. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description english: open ascending bids with proxies; sealed_first / sealed_second: one hidden bid each (raised by bidding again), revealed at the close; the highest pays its own bid, or the second-highest
                         * @default english
                         * @enum {unknown}
                         */
                        kind?: "english" | "sealed_first" | "sealed_second";
                        listingId: string;
                        startPriceMinor: number;
                        /** @description Hidden from bidders: they see only whether it is met */
                        reserveMinor?: number;
                        /** @description Ends the auction at this price for the first buyer who takes it, while bidding is below it */
                        buyNowMinor?: number;
                        /** @description The least raise by price band; the first band from 0. Default: 100 below 10,000; 500 to 100,000; 2,500 to 1,000,000; 10,000 above */
                        increments?: {
                            fromMinor: number;
                            incrementMinor: number;
                        }[];
                        /** Format: date-time */
                        endsAt: string;
                        /** @description A bid in the last windowS seconds moves the end to extendS seconds after it (default 120 and 120) */
                        antiSniping?: {
                            windowS: number;
                            extendS: number;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            listingId: string;
                            sellerId: string;
                            title: string;
                            currency: string;
                            /** @enum {unknown} */
                            kind: "english" | "sealed_first" | "sealed_second";
                            startPriceMinor: number;
                            /** @description What the leader pays if the auction ended now (sealed: the start price until the close reveals it) */
                            priceMinor: number;
                            /** @description The least a new bid may be; null once closed */
                            minimumBidMinor: number | null;
                            bidCount: number;
                            /** @description You lead */
                            leading: boolean;
                            /** @description Your proxy maximum, when you lead; sealed: your standing bid */
                            yourMaxMinor: number | null;
                            reserve: {
                                met: boolean;
                                /** @description Only for the seller */
                                reserveMinor?: number;
                            } | null;
                            /** @description While available */
                            buyNowMinor: number | null;
                            antiSniping: {
                                windowS: number;
                                extendS: number;
                            };
                            /** Format: date-time */
                            endsAt: string;
                            /** @enum {unknown} */
                            state: "open" | "closed";
                            outcome: ("sold" | "bought_now" | "no_bids" | "reserve_not_met") | (never | null);
                            /** @description The sale's order: for its buyer and the seller */
                            orderId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auctions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An auction on a listing you may see (else 404) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            listingId: string;
                            sellerId: string;
                            title: string;
                            currency: string;
                            /** @enum {unknown} */
                            kind: "english" | "sealed_first" | "sealed_second";
                            startPriceMinor: number;
                            /** @description What the leader pays if the auction ended now (sealed: the start price until the close reveals it) */
                            priceMinor: number;
                            /** @description The least a new bid may be; null once closed */
                            minimumBidMinor: number | null;
                            bidCount: number;
                            /** @description You lead */
                            leading: boolean;
                            /** @description Your proxy maximum, when you lead; sealed: your standing bid */
                            yourMaxMinor: number | null;
                            reserve: {
                                met: boolean;
                                /** @description Only for the seller */
                                reserveMinor?: number;
                            } | null;
                            /** @description While available */
                            buyNowMinor: number | null;
                            antiSniping: {
                                windowS: number;
                                extendS: number;
                            };
                            /** Format: date-time */
                            endsAt: string;
                            /** @enum {unknown} */
                            state: "open" | "closed";
                            outcome: ("sold" | "bought_now" | "no_bids" | "reserve_not_met") | (never | null);
                            /** @description The sale's order: for its buyer and the seller */
                            orderId: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            closedAt: string | null;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auctions/{id}/bids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest bids of an English auction you may see, oldest first: the price each left, and whether it was yours (bidders and maximums stay hidden) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                seq: number;
                                priceAfterMinor: number;
                                yours: boolean;
                                /** Format: date-time */
                                at: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Bid your maximum: leading (held in your wallet) or outbid, and the price now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The most you will pay: your proxy raises your bid up to it, one increment at a time. Held in your wallet while you lead. */
                        maxMinor: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            bidId: string;
                            /**
                             * @description sealed: received, revealed at the close
                             * @enum {unknown}
                             */
                            outcome: "leading" | "outbid" | "sealed";
                            priceMinor: number;
                            minimumBidMinor: number;
                            /** Format: date-time */
                            endsAt: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auctions/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Watch an auction live (Server-Sent Events): an `auction` event with the price, bid count, end, state and whether you lead, now and on every change */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auctions/{id}/buy-now": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Buy at the buy-now price while bidding is below it: the auction ends, your order is paid from your wallet */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            orderId: string;
                            priceMinor: number;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your webhooks */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                url: string;
                                /** Format: date-time */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Add a webhook: your notifications are POSTed to it, signed (Trove-Signature: t=...,v1=HMAC-SHA256 of "t.body" with the secret shown here once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            url: string;
                            /** Format: date-time */
                            createdAt: string;
                            secret: string;
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a webhook */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which notifications you get, on every channel (all, unless turned off) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            types: {
                                "order.received": boolean;
                                "order.paid": boolean;
                                "order.shipped": boolean;
                                "order.delivered": boolean;
                                "order.completed": boolean;
                                "order.cancelled": boolean;
                                "order.refunded": boolean;
                                "auction.outbid": boolean;
                                "auction.won": boolean;
                                "auction.ended": boolean;
                            };
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** Turn notification types on or off (those not named keep their setting) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        types: {
                            "order.received"?: boolean;
                            "order.paid"?: boolean;
                            "order.shipped"?: boolean;
                            "order.delivered"?: boolean;
                            "order.completed"?: boolean;
                            "order.cancelled"?: boolean;
                            "order.refunded"?: boolean;
                            "auction.outbid"?: boolean;
                            "auction.won"?: boolean;
                            "auction.ended"?: boolean;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications' deliveries, newest first: pending, delivered, or dead (after the last attempt; replay them) */
        get: {
            parameters: {
                query?: {
                    state?: "pending" | "delivered" | "dead";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                messageId: string;
                                type: string;
                                channel: string;
                                endpointId: string | null;
                                state: string;
                                attempts: number;
                                lastError: string | null;
                                /** Format: date-time */
                                nextAttemptAt: string;
                                /** Format: date-time */
                                deliveredAt: string | null;
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/deliveries/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try a dead delivery again, from its first attempt */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per UTC day: GMV and orders (by currency), bids, spins, coins paid out, discounts given by promotions and coupons */
        get: {
            parameters: {
                query: {
                    /** @description A UTC day, YYYY-MM-DD */
                    from: string;
                    /** @description A UTC day, YYYY-MM-DD */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            days: {
                                /** @description A UTC day, YYYY-MM-DD */
                                day: string;
                                gmv: {
                                    currency: string;
                                    amountMinor: number;
                                }[];
                                orders: number;
                                cancelledOrders: number;
                                bids: number;
                                spins: number;
                                coinsPaidOut: number;
                                promotionDiscount: {
                                    currency: string;
                                    amountMinor: number;
                                }[];
                                cashbackCoins: number;
                                couponsRedeemed: number;
                                couponFixedDiscount: {
                                    currency: string;
                                    amountMinor: number;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "4XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every 4xx and 5xx answer has this shape. */
                "5XX": {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ErrorResponse
         * @description Every 4xx and 5xx answer has this shape.
         */
        "def-0": {
            error: {
                /** @description Stable code from docs/errors.md */
                code: string;
                message: string;
                details?: unknown;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
