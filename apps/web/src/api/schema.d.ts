/**
 * Generated from the OpenAPI document the app serves at /docs-json: do not edit.
 * After a change to the API, run `npm run -s web:api-types`; a test fails while this file is stale.
 */

export interface paths {
    "/accounts/{accountId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account with its history */
        get: operations["GetAccountController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/churn": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that an account has churned */
        post: operations["RecordChurnController_churn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/churn-risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Flag an account's churn risk */
        post: operations["FlagChurnRiskController_flag"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/demote-from-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Demote a key account to a farmer */
        post: operations["DemoteAccountFromKeyController_demote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/farmer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign an account's farmer */
        post: operations["AssignFarmerController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/promote-to-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Promote an account to a key account */
        post: operations["PromoteToKeyController_promote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/repeat-sales": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a repeat sale */
        post: operations["OpenRepeatSaleController_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/repeat-sales/{repeatSaleId}/lose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lose a repeat sale */
        post: operations["CloseRepeatSaleController_lose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/repeat-sales/{repeatSaleId}/win": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Win a repeat sale */
        post: operations["CloseRepeatSaleController_win"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{accountId}/touchpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a touchpoint with an account */
        post: operations["LogTouchpointController_log"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/asyncapi": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The AsyncAPI 3.0.0 document of the Kafka topics and event messages
         * @description One channel per context topic, one message per event type of the catalogue, CloudEvents binary-mode headers. No token needed.
         */
        get: operations["AsyncApiController_asyncApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What sign-in the page should offer */
        get: operations["WebSessionController_authConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/local/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeems the embedded default's one-time sign-in link for a session (as the head of sales) */
        post: operations["WebSessionController_signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where the identity provider sends the browser back: checks the answer, starts the session */
        get: operations["OidcSignInController_callback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sends the browser to the identity provider to sign in (authorization code + PKCE) */
        get: operations["OidcSignInController_start"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The browser's session: who it acts as, how it signed in, until when */
        get: operations["WebSessionController_session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/session/act-as": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A local session acts as a rep of the roster (with their role), or as the head of sales again */
        post: operations["WebSessionController_actAs"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ends the session: clears the cookie, and the process refuses it from now on */
        post: operations["WebSessionController_signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-scripts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The call scripts in use, each at its latest version */
        get: operations["ListCallScriptsController_list"];
        put?: never;
        /** Publish a new call script */
        post: operations["PublishCallScriptController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-scripts/{scriptId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A call script with its versions */
        get: operations["GetCallScriptController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-scripts/{scriptId}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a call script */
        post: operations["RetireCallScriptController_retire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/call-scripts/{scriptId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a new version of a call script */
        post: operations["PublishCallScriptController_newVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A deal with its history */
        get: operations["GetDealController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/hand-off-to-closer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a deal to a closer */
        post: operations["HandOffToCloserController_handOff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/lose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lose a deal, with the reason */
        post: operations["LoseDealController_lose"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Schedule a meeting on a deal */
        post: operations["ScheduleMeetingController_schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/meetings/{meetingId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a meeting */
        post: operations["RecordMeetingController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/meetings/{meetingId}/held": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a meeting as held */
        post: operations["RecordMeetingController_held"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/meetings/{meetingId}/no-show": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a meeting the client did not come to */
        post: operations["RecordMeetingController_noShow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/owner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give a deal to another rep of its owner's role */
        post: operations["ReassignDealController_reassign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/proposals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a proposal */
        post: operations["SendProposalController_send"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a deal to another stage */
        post: operations["ChangeStageController_change"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/deals/{dealId}/win": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Win a deal, with the revenue credit split */
        post: operations["WinDealController_win"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The stored events, filtered and paged
         * @description NDJSON, one stored envelope a line, in the global order. A page holds at most `limit` events (default and most: HISTORY_PAGE_MAX_EVENTS, 100,000 unless configured); when it holds `limit`, ask for the next with `after` = its last line's `globalPosition`. A user may have HISTORY_STREAMS_PER_USER (2) of these open at once; one more is refused with 429 `too-many-streams`.
         */
        get: operations["EventsController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event store and each part the process runs, in detail; 503 when the store does not answer or a part failed */
        get: operations["HealthController_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: 200 while the process answers (the store is not asked) */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 200 once the store answers and every read model and follower is live; 503 naming what is not */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The head of sales' KPIs for a period, as of any moment */
        get: operations["KpisController_kpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** KPIs and leaderboard as a spreadsheet or CSV */
        get: operations["KpiExportController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Forecast of the period's results */
        get: operations["ForecastController_forecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis/funnel/{stage}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The leads or deals behind a funnel stage */
        get: operations["FunnelDrillDownController_stage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis/leaderboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The reps ranked by their results */
        get: operations["LeaderboardController_leaderboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpis/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** KPIs as a time series */
        get: operations["KpiSeriesController_series"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Capture a lead */
        post: operations["CaptureLeadController_capture"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{leadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead with its history */
        get: operations["GetLeadController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{leadId}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign a lead to a lead generator */
        post: operations["AssignLeadController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{leadId}/contact-attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log a contact attempt on a lead */
        post: operations["LogContactAttemptController_log"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{leadId}/disqualify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disqualify a lead */
        post: operations["DisqualifyLeadController_disqualify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{leadId}/hand-off": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hand a qualified lead off to a hunter */
        post: operations["HandOffLeadController_handOff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{leadId}/qualify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Qualify a lead */
        post: operations["QualifyLeadController_qualify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import leads from CSV, JSON rows or a spreadsheet */
        post: operations["ImportLeadsController_import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-sent events: read models' progress as it happens */
        get: operations["LiveController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process's metrics in Prometheus' text format: HTTP, the process, and each part /health reports */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a sales plan */
        post: operations["SetPlanController_set"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/plans/{planId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sales plan */
        get: operations["GetPlanController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/subjects/{subjectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a data subject's personal data is kept or erased */
        get: operations["PrivacyController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/privacy/subjects/{subjectId}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a data subject's personal data
         * @description Destroys the subject's key and records PersonalDataErased. From then on its fields read as erased (null, with `erased`) in every view, export, replay and on Kafka; counts and amounts stay. Erasing again changes nothing.
         */
        post: operations["PrivacyController_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queues/{role}/{repId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rep's work queue for a role */
        get: operations["QueuesController_ofRep"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/queues/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in rep's work queue */
        get: operations["QueuesController_mine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Request an assistant task */
        post: operations["RequestTaskController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An assistant task with its history */
        get: operations["GetTaskController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{taskId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an assistant task */
        post: operations["CancelTaskController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tasks/{taskId}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete an assistant task */
        post: operations["CompleteTaskController_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/team/reps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team: every rep with role, availability and load */
        get: operations["GetTeamController_list"];
        put?: never;
        /** Add a rep to the team */
        post: operations["JoinRepController_join"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/team/reps/{repId}/availability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a rep available or absent */
        post: operations["SetRepAvailabilityController_availability"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/team/reps/{repId}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a rep has left */
        post: operations["RecordRepLeftController_leave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/team/reps/{repId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change a rep's role */
        post: operations["ChangeRepRoleController_changeRole"];
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
        ActAsDto: {
            /**
             * @description a rep of the roster: the session acts as them, with the role the roster gives them
             * @example h-anna
             */
            repId?: string;
            /**
             * @description instead of repId: back to acting as the head of sales
             * @enum {string}
             */
            role?: "head-of-sales";
        };
        AssignFarmerDto: {
            /** @example f-galya */
            farmerId: string;
        };
        AssignLeadDto: {
            /**
             * @description the lead generator who will work the lead
             * @example lg-ivan
             */
            leadGeneratorId: string;
        };
        AuthConfigView: {
            /** @description what sign-in the page offers: `local-code` (the embedded default: POST /auth/local/sign-in with the code of the printed link), `oidc` (send the browser to GET /auth/oidc/start?returnTo=…), or neither (only bearer tokens) */
            methods: ("local-code" | "oidc")[];
        };
        AvailabilityDto: {
            /** @example 2027-01-20T00:00:00.000Z */
            absentUntil?: string;
            /** @example false */
            available: boolean;
            /** @enum {string} */
            reason?: "vacation" | "sick-leave" | "training" | "other";
        };
        CallScriptVersionDto: {
            /**
             * @example [
             *       "Представиться и назвать компанию",
             *       "Спросить, кто принимает решение"
             *     ]
             */
            steps: string[];
            /** @example Холодный звонок: ИТ-директор */
            title: string;
        };
        CancelTaskDto: {
            reason: string;
        };
        CaptureLeadDto: {
            company: components["schemas"]["CompanyDto"];
            contact?: components["schemas"]["ContactDto"];
            estimatedValue?: components["schemas"]["MoneyDto"];
            /**
             * @default manual
             * @enum {string}
             */
            source: "manual" | "web-form";
        };
        ChangeRoleDto: {
            /** @enum {string} */
            role: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales";
        };
        ChangeStageDto: {
            /** @enum {string} */
            stage: "qualification" | "discovery" | "proposal" | "negotiation" | "contract";
        };
        ChurnRiskDto: {
            /** @enum {string} */
            level: "low" | "medium" | "high";
            reason: string;
        };
        CompanyDto: {
            /** @example ООО «Ромашка» */
            name: string;
            /**
             * @description ИНН: 10 digits for a company, 12 for a sole trader
             * @example 7707083893
             */
            taxId?: string;
        };
        CompleteTaskDto: {
            note?: string;
        };
        ContactDto: {
            /** @example ivan@romashka.ru */
            email?: string;
            /** @example Иван Петров */
            name?: string;
            /** @example +7 495 123-45-67 */
            phone?: string;
        };
        DemoteDto: {
            /** @example f-fedor */
            farmerId: string;
            reason: string;
        };
        DisqualifyLeadDto: {
            /** @example Бюджет заморожен до следующего года */
            note?: string;
            /** @enum {string} */
            reason: "no-budget" | "no-authority" | "no-need" | "bad-timing" | "unreachable" | "duplicate" | "existing-client" | "other";
        };
        ErasePersonalDataDto: {
            /** @enum {string} */
            reason: "data-subject-request" | "other";
        };
        /** @description Every error answer: the status, a stable code to branch on, a message for people, and the field at fault when there is one. */
        ErrorResponse: {
            /** @example invalid-field */
            code: string;
            /** @example Bad Request */
            error: string;
            /** @description Every field at fault, when there are several. */
            errors?: {
                field: string;
                reason: string;
            }[];
            /** @example estimatedValue.amount */
            field?: string;
            /** @example estimatedValue.amount must not be less than 0 */
            message: string;
            /** @example 400 */
            statusCode: number;
        };
        HandOffLeadDto: {
            /**
             * @description the hunter who takes the lead; when absent, the least-loaded available hunter
             * @example h-anna
             */
            hunterId?: string;
        };
        HandOffToCloserDto: {
            /**
             * @description the closer who takes the deal; when absent, the least-loaded available closer
             * @example c-kirill
             */
            closerId?: string;
            /** @example Застряли на согласовании цены */
            reason: string;
        };
        JoinRepDto: {
            /**
             * @description open leads, deals or accounts the rep can carry
             * @default 50
             * @example 30
             */
            capacity: number;
            /** @example Анна Смирнова */
            name: string;
            /**
             * @description the rep id tokens carry as sub; generated when absent
             * @example h-anna
             */
            repId?: string;
            /** @enum {string} */
            role: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales";
        };
        LeaveDto: {
            /** @example Переезд в другой город */
            reason?: string;
        };
        LocalSignInDto: {
            /** @description the `code` of the one-time sign-in link the app printed at start (or `npm run -s sign-in-link` made) */
            code: string;
        };
        LogContactAttemptDto: {
            /** @enum {string} */
            channel: "call" | "email" | "messenger" | "visit";
            /**
             * @description when to try again (UTC)
             * @example 2026-04-02T10:00:00.000Z
             */
            nextAttemptAt?: string;
            /** @example Перезвонить после обеда */
            note?: string;
            /** @enum {string} */
            outcome: "reached" | "no-answer" | "left-message" | "callback-requested" | "wrong-contact" | "not-interested";
            /** @description the call script version used */
            script?: components["schemas"]["ScriptRefDto"];
        };
        LoseDealDto: {
            /** @example Битрикс24 */
            competitor?: string;
            note?: string;
            /** @enum {string} */
            reason: "price" | "competitor" | "no-decision" | "timing" | "no-budget" | "product-fit" | "other";
        };
        MeetingCancelledDto: {
            /** @example Клиент перенёс на следующий месяц */
            reason: string;
        };
        MeetingHeldDto: {
            /** @example Договорились о демо для ИТ-директора */
            notes?: string;
            /** @enum {string} */
            outcome: "positive" | "neutral" | "negative";
        };
        MoneyDto: {
            /** @example 450000 */
            amount: number;
            /**
             * @description ISO 4217 code
             * @example RUB
             */
            currency: string;
        };
        MoneyView: {
            amount: number;
            /** @example RUB */
            currency: string;
        };
        NewCallScriptDto: {
            /**
             * @description generated when absent
             * @example cold-call-it
             */
            scriptId?: string;
            /**
             * @example [
             *       "Представиться и назвать компанию",
             *       "Спросить, кто принимает решение"
             *     ]
             */
            steps: string[];
            /** @example Холодный звонок: ИТ-директор */
            title: string;
        };
        NoShowDto: Record<string, never>;
        PlanScopeDto: {
            /** @enum {string} */
            kind: "team" | "role" | "rep";
            /**
             * @description for kind rep
             * @example h-anna
             */
            repId?: string;
            /**
             * @description for kind role
             * @enum {string}
             */
            role?: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales";
        };
        PromoteDto: {
            /**
             * @description the KAM who takes the account; when absent, the least-loaded available KAM
             * @example kam-kate
             */
            kamId?: string;
        };
        QualifyLeadDto: {
            /** @example Генеральный директор */
            authority: string;
            budget: components["schemas"]["MoneyDto"];
            estimatedValue: components["schemas"]["MoneyDto"];
            /** @example CRM для отдела продаж на 40 человек */
            need: string;
            /** @example решение до конца квартала */
            timing: string;
        };
        QueueItemView: {
            /** Format: date-time */
            dueAt: string | null;
            id: string;
            /** @enum {string} */
            kind: "lead" | "deal" | "account" | "task" | "rep";
            /** @description Why it is in the queue: callback-due, untouched, qualified-awaiting-handoff, in-progress, callback-scheduled (lead generator); new-handoff, meeting-scheduled, no-activity (hunter); handed-to-closer (closer); touchpoint-due, touchpoint-upcoming, renewal:<id>, open-repeat-sale:<id>, churn-risk:<level> (farmer, KAM); due, overdue (assistant); unassigned-lead, unowned-account, stale-deal, overdue-task, speed-to-lead-breach, over-capacity:<open>/<capacity> (head of sales) */
            reason: string;
            /** Format: date-time */
            since: string;
            /** @description company, task kind or rep name */
            title: string;
            value?: components["schemas"]["MoneyView"] | null;
        };
        QueueView: {
            /** Format: date-time */
            generatedAt: string;
            items: components["schemas"]["QueueItemView"][];
            repId: string;
            /** @enum {string} */
            role: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales";
            /** @description items in the whole queue (the response holds at most `limit`) */
            total: number;
        };
        ReasonDto: {
            reason: string;
        };
        ReassignDealDto: {
            /**
             * @description the rep who works the deal from now on: a hunter, or a closer once a closer has it
             * @example h-boris
             */
            ownerId: string;
        };
        RepeatSaleDto: {
            description?: string;
            estimatedValue: components["schemas"]["MoneyDto"];
            /** @enum {string} */
            kind: "upsell" | "cross-sell" | "renewal";
        };
        RequestTaskDto: {
            /** @description the account the task is for (or dealId) */
            accountId?: string;
            /** @description the sales assistant; when absent, the least-loaded available one */
            assigneeId?: string;
            /** @description the deal the task is for (or accountId) */
            dealId?: string;
            /** @example 2027-01-10T12:00:00.000Z */
            dueAt: string;
            /** @enum {string} */
            kind: "presentation" | "proposal" | "contract-documents" | "report";
            note?: string;
        };
        RetireCallScriptDto: {
            reason?: string;
        };
        RosterEntryView: {
            /** @enum {string|null} */
            absenceReason: "vacation" | "sick-leave" | "training" | "other" | null;
            /** Format: date-time */
            absentUntil: string | null;
            /** @description false while absent: routing skips the rep */
            available: boolean;
            /** @description open leads, deals or accounts the rep can carry */
            capacity: number;
            /** @description the rep has left the department */
            left: boolean;
            /** @description open leads (lead generator), open deals (hunter, closer) or accounts (farmer, KAM) now */
            load: number;
            /** @example Анна Смирнова */
            name: string;
            /** @example h-anna */
            repId: string;
            /** @description the revision of the rep's stream: send it as If-Match with the next command on the rep */
            revision: number;
            /** @enum {string} */
            role: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales";
        };
        ScheduleMeetingDto: {
            /** @enum {string} */
            kind: "discovery" | "demo" | "negotiation" | "signing" | "other";
            /** @example Офис клиента, Тверская 7 */
            location?: string;
            /**
             * @description when (UTC); must be in the future
             * @example 2026-12-03T09:00:00.000Z
             */
            scheduledFor: string;
        };
        ScriptRefDto: {
            /** @example cold-call-b2b */
            scriptId: string;
            /** @example 3 */
            version: number;
        };
        SendProposalDto: {
            amount: components["schemas"]["MoneyDto"];
            /**
             * @description the proposal holds until then (UTC)
             * @example 2027-01-31T00:00:00.000Z
             */
            validUntil: string;
        };
        SessionActorView: {
            /** @enum {string} */
            role: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales" | "analyst" | "service";
            /**
             * @description the rep id (the sub of the session)
             * @example h-anna
             */
            userId: string;
        };
        SessionView: {
            /** @description who the API takes the browser for */
            actor: components["schemas"]["SessionActorView"];
            /** @description whether POST /auth/session/act-as may switch the actor (local sessions only) */
            canActAs: boolean;
            /**
             * Format: date-time
             * @description when the session ends (acting as someone does not prolong it)
             */
            expiresAt: string;
            /**
             * @description `local`: signed in with the link of the embedded default; `oidc`: through the identity provider
             * @enum {string}
             */
            kind: "local" | "oidc";
            /**
             * @description the actions of the permission matrix the actor's role may take: what the page offers (ownership is still the API's to check)
             * @example [
             *       "lead:read",
             *       "lead:qualify"
             *     ]
             */
            permissions: string[];
        };
        SetPlanDto: {
            /**
             * @description for revenue metrics
             * @example RUB
             */
            currency?: string;
            /** @enum {string} */
            metric: "new-business-revenue" | "repeat-revenue" | "deals-won" | "leads-qualified" | "meetings-held" | "touchpoints";
            /** @example 2027-07-01T00:00:00.000Z */
            periodEnd: string;
            /** @example 2027-04-01T00:00:00.000Z */
            periodStart: string;
            /**
             * @description set again with the same id to change the target; generated when absent
             * @example q2-hunters
             */
            planId?: string;
            scope: components["schemas"]["PlanScopeDto"];
            /** @example 12000000 */
            target: number;
        };
        TouchpointDto: {
            /** @enum {string} */
            kind: "check-in" | "qbr" | "visit" | "support";
            note?: string;
            /** @example 8 */
            satisfaction?: number;
        };
        WinDealDto: {
            amount: components["schemas"]["MoneyDto"];
            /**
             * @description the closer's share of the credit, in percent, when a closer won it
             * @default 50
             * @example 50
             */
            closerPercent: number;
        };
        WinRepeatSaleDto: {
            amount: components["schemas"]["MoneyDto"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    GetAccountController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the account's revision, quoted: send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accountId: string;
                        /** @description who could have taken it, with their load then */
                        candidates: {
                            load: number;
                            repId: string;
                        }[];
                        /** @description why the client left, once churned */
                        churnReason: string | null;
                        /** @description the last churn risk flagged */
                        churnRisk: {
                            /** @enum {string} */
                            level: "low" | "medium" | "high";
                            reason: string;
                        } | null;
                        company: {
                            name: string;
                            /** @description 10 or 12 digits; personal data, null once erased */
                            taxId?: string | null;
                        };
                        contact: {
                            /** @description e-mail; personal data, null once erased */
                            email?: string | null;
                            /** @description the contact person; personal data, null once erased */
                            name?: string | null;
                            /** @description phone; personal data, null once erased */
                            phone?: string | null;
                        };
                        /** @description the won deal it came from */
                        dealId: string;
                        /** @description the farmer it was opened for (none when no farmer was available) */
                        farmerId?: string;
                        /** @description what happened to it, oldest first */
                        history: {
                            /**
                             * Format: date-time
                             * @description when it happened
                             */
                            at: string;
                            /** @description who did it; null for an event written without an actor */
                            by: {
                                role: string;
                                userId: string;
                            } | null;
                            /** @description what the line shows besides its type (a routing rule, an outcome, a stage) */
                            detail?: {
                                [key: string]: unknown;
                            };
                            /** @description the event's revision in its stream (0 for the first) */
                            revision: number;
                            /** @description the event type, as in the event catalogue */
                            type: string;
                        }[];
                        /** @description a key account, worked by a KAM */
                        key: boolean;
                        /** Format: date-time */
                        openedAt: string;
                        /** @description the won deal's amount */
                        openingRevenue: {
                            amount: number;
                            /** @description ISO 4217 code, e.g. RUB */
                            currency: string;
                        };
                        /** @description who works it now: its farmer, or its KAM when key; null until assigned */
                        ownerId: string | null;
                        /** @description whose personal data it holds; erased fields read as null */
                        personalData: {
                            erased: boolean;
                            /**
                             * Format: date-time
                             * @description when it was erased
                             */
                            erasedAt?: string;
                            /** @description the data subject: `lead-<leadId>` for a lead and the deal and account that came from it */
                            subjectId: string;
                        };
                        repeatSales: {
                            accountId: string;
                            description?: string;
                            estimatedValue: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            };
                            /** @enum {string} */
                            kind: "upsell" | "cross-sell" | "renewal";
                            lostReason?: string;
                            repeatSaleId: string;
                            /** @enum {string} */
                            status: "open" | "won" | "lost";
                            wonAmount?: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            };
                        }[];
                        /** @description the opening revenue and every repeat sale won */
                        revenue: {
                            amount: number;
                            /** @description ISO 4217 code, e.g. RUB */
                            currency: string;
                        };
                        /** @description the account's revision: its ETag, for If-Match */
                        revision: number;
                        /** @enum {string} */
                        rule: "least-loaded" | "named";
                        /** @description who was passed over, and why */
                        skipped: {
                            /** @enum {string} */
                            reason: "absent" | "over-capacity" | "left";
                            repId: string;
                        }[];
                        /** @enum {string} */
                        status: "active" | "churned";
                        touchpoints: {
                            accountId: string;
                            /** Format: date-time */
                            at: string;
                            /** @enum {string} */
                            kind: "check-in" | "qbr" | "visit" | "support";
                            /** @description what was said; personal data, null once erased */
                            note?: string | null;
                            /** @description from 1 to 10 */
                            satisfaction?: number;
                            touchpointId: string;
                        }[];
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RecordChurnController_churn: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FlagChurnRiskController_flag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChurnRiskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    DemoteAccountFromKeyController_demote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DemoteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AssignFarmerController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignFarmerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PromoteToKeyController_promote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromoteDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OpenRepeatSaleController_open: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RepeatSaleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CloseRepeatSaleController_lose: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                repeatSaleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such repeatSale. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CloseRepeatSaleController_win: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                repeatSaleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WinRepeatSaleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such repeatSale. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    LogTouchpointController_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TouchpointDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such account. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AsyncApiController_asyncApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An AsyncAPI 3.0.0 document (JSON). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebSessionController_authConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthConfigView"];
                };
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebSessionController_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LocalSignInDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description sales_ops_session=…; Path=/; HttpOnly; SameSite=Strict (and Secure over https) */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description the code is not valid (`sign-in-code-invalid`), has expired (`…-expired`), was used already (`…-used`) or was made before the app last started (`…-stale`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `local-sign-in-off` when the app uses an OIDC provider; `cross-site-request` from another site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OidcSignInController_callback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed in: sets the session cookie and answers a small page that goes on to returnTo (a same-site navigation, so the SameSite=Strict cookie goes with it) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description the answer does not belong to a sign-in this browser started (state), or does not check out */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description the provider refused, or its ID token gives no Sales-ops role */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    OidcSignInController_start: {
        parameters: {
            query?: {
                /** @description a path of this app to come back to, e.g. /app/queue (default /); nothing else */
                returnTo?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description to the provider; a short-lived HttpOnly cookie (SameSite=Lax) keeps state, nonce and the PKCE verifier */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description returnTo is not a path of this app */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description no OIDC client configured (OIDC_CLIENT_ID) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebSessionController_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description `no-session` without the cookie; `bad-session` for an expired, signed-out or invalid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebSessionController_actAs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActAsDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description sales_ops_session=…; Path=/; HttpOnly; SameSite=Strict (and Secure over https) */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description neither or both of repId and role */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description no valid session */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `cannot-act-as` for a session signed in through the identity provider; `cross-site-request` from another site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `unknown-rep`: no such rep in the roster (or the rep has left) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebSessionController_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description signed out (also when there was no session) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description a body other than nothing or an empty object */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `cross-site-request` from another site */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ListCallScriptsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description every script not retired, by title */
                        scripts: {
                            /** Format: date-time */
                            publishedAt: string;
                            scriptId: string;
                            /** @description what to say, in order */
                            steps: string[];
                            title: string;
                            /** @description the latest version: record it with a contact attempt made by this script */
                            version: number;
                        }[];
                    };
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PublishCallScriptController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCallScriptDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    GetCallScriptController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                scriptId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such script. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RetireCallScriptController_retire: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                scriptId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RetireCallScriptDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such script. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PublishCallScriptController_newVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                scriptId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallScriptVersionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such script. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    GetDealController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the deal's revision, quoted: send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the closer it was handed to; null while the hunter works it */
                        closerId: string | null;
                        company: {
                            name: string;
                            /** @description 10 or 12 digits; personal data, null once erased */
                            taxId?: string | null;
                        };
                        contact: {
                            /** @description e-mail; personal data, null once erased */
                            email?: string | null;
                            /** @description the contact person; personal data, null once erased */
                            name?: string | null;
                            /** @description phone; personal data, null once erased */
                            phone?: string | null;
                        };
                        dealId: string;
                        estimatedValue: {
                            amount: number;
                            /** @description ISO 4217 code, e.g. RUB */
                            currency: string;
                        };
                        /** @description what happened to it, oldest first */
                        history: {
                            /**
                             * Format: date-time
                             * @description when it happened
                             */
                            at: string;
                            /** @description who did it; null for an event written without an actor */
                            by: {
                                role: string;
                                userId: string;
                            } | null;
                            /** @description what the line shows besides its type (a routing rule, an outcome, a stage) */
                            detail?: {
                                [key: string]: unknown;
                            };
                            /** @description the event's revision in its stream (0 for the first) */
                            revision: number;
                            /** @description the event type, as in the event catalogue */
                            type: string;
                        }[];
                        /** @description the hunter who opened it */
                        hunterId: string;
                        /** @description the lead it came from */
                        leadId: string;
                        lost: {
                            competitor?: string;
                            dealId: string;
                            /** @description why; personal data, null once erased */
                            note?: string | null;
                            /** @enum {string} */
                            reason: "price" | "competitor" | "no-decision" | "timing" | "no-budget" | "product-fit" | "other";
                        } | null;
                        /** @description in the order they were scheduled */
                        meetings: {
                            /** @description once cancelled */
                            cancellationReason?: string;
                            dealId: string;
                            /** @enum {string} */
                            kind: "discovery" | "demo" | "negotiation" | "signing" | "other";
                            location?: string;
                            meetingId: string;
                            /** @description what was agreed, once held; personal data, null once erased */
                            notes?: string | null;
                            /**
                             * @description once held
                             * @enum {string}
                             */
                            outcome?: "positive" | "neutral" | "negative";
                            /** Format: date-time */
                            scheduledFor: string;
                            /** @enum {string} */
                            status: "scheduled" | "held" | "cancelled" | "no-show";
                        }[];
                        /** Format: date-time */
                        openedAt: string;
                        /** @description whose personal data it holds; erased fields read as null */
                        personalData: {
                            erased: boolean;
                            /**
                             * Format: date-time
                             * @description when it was erased
                             */
                            erasedAt?: string;
                            /** @description the data subject: `lead-<leadId>` for a lead and the deal and account that came from it */
                            subjectId: string;
                        };
                        proposals: {
                            amount: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            };
                            dealId: string;
                            proposalId: string;
                            /** Format: date-time */
                            sentAt: string;
                            /** Format: date-time */
                            validUntil: string;
                        }[];
                        /** @description the deal's revision: its ETag, for If-Match */
                        revision: number;
                        /** @enum {string} */
                        stage: "qualification" | "discovery" | "proposal" | "negotiation" | "contract";
                        /** @enum {string} */
                        status: "open" | "won" | "lost";
                        won: {
                            /** @description the client's account in account-management */
                            accountId: string;
                            amount: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            };
                            company: {
                                name: string;
                                /** @description 10 or 12 digits; personal data, null once erased */
                                taxId?: string | null;
                            };
                            contact: {
                                /** @description e-mail; personal data, null once erased */
                                email?: string | null;
                                /** @description the contact person; personal data, null once erased */
                                name?: string | null;
                                /** @description phone; personal data, null once erased */
                                phone?: string | null;
                            };
                            /** @description the revenue credit, adding up to 100 */
                            credit: {
                                percent: number;
                                repId: string;
                                /** @enum {string} */
                                role: "hunter" | "closer";
                            }[];
                            dealId: string;
                            newClient: boolean;
                        } | null;
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    HandOffToCloserController_handOff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandOffToCloserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    LoseDealController_lose: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoseDealDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ScheduleMeetingController_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleMeetingDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RecordMeetingController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingCancelledDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such meeting. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RecordMeetingController_held: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingHeldDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such meeting. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RecordMeetingController_noShow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
                meetingId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoShowDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such meeting. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ReassignDealController_reassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReassignDealDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SendProposalController_send: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendProposalDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ChangeStageController_change: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeStageDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WinDealController_win: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                dealId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WinDealDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such deal. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    EventsController_export: {
        parameters: {
            query?: {
                /** @description start after this global position (the `globalPosition` of the previous page's last line) */
                after?: string;
                /** @description recorded at or after (ISO 8601) */
                from?: string;
                /** @description the most events to return (1 to HISTORY_PAGE_MAX_EVENTS, its default) */
                limit?: number;
                /** @description stream id prefix, e.g. deal- */
                stream?: string;
                /** @description event types, comma-separated */
                type?: string;
                /** @description recorded at or before (ISO 8601) */
                until?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests in the window (`rate-limited`), or this user already has HISTORY_STREAMS_PER_USER GET /events streams open (`too-many-streams`): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    HealthController_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The store does not answer or a part failed */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Not ready: `notReady` names the parts */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    KpisController_kpis: {
        parameters: {
            query?: {
                /** @description the figures as they stood at this moment: only what had occurred by then counts (not in the future) */
                asOf?: string;
                /** @description start of the period, inclusive (default: 30 days before `to`) */
                from?: string;
                groupBy?: "rep" | "role" | "source" | "script";
                /** @description end of the period, exclusive (default: asOf, else now) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every KPI with the inputs it was computed from */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        activity: {
                            attempts: number;
                            attemptsPerLeadGeneratorPerDay: number | null;
                            days: number;
                            meetingsHeld: number;
                            meetingsPerHunterPerWeek: number | null;
                            touchpoints: number;
                            touchpointsPerFarmer: number | null;
                        };
                        /**
                         * Format: date-time
                         * @description set when the figures were computed from the history as it stood then (the asOf parameter)
                         */
                        asOf: string | null;
                        averageDealSize: {
                            /** @description by currency; null where the denominator is 0 */
                            average: {
                                [key: string]: number | null;
                            };
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            wonAmount: {
                                [key: string]: number;
                            };
                            /** @description deals won by currency */
                            wonDeals: {
                                [key: string]: number;
                            };
                        };
                        /** @description the hunter/farmer balance: new-business revenue against repeat revenue, with headcount and load (open work ÷ capacity) per role at the end of the period */
                        balance: {
                            /** @description by role */
                            byRole: {
                                [key: string]: {
                                    capacity: number;
                                    headcount: number;
                                    load: number | null;
                                    openWork: number;
                                };
                            };
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            newBusinessRevenue: {
                                [key: string]: number;
                            };
                            /** @description by currency; null where the denominator is 0 */
                            newBusinessShare: {
                                [key: string]: number | null;
                            };
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            repeatRevenue: {
                                [key: string]: number;
                            };
                        };
                        /** @description win rate of deals handed to a closer minus that of deals the hunter closed alone */
                        closerUplift: {
                            uplift: number | null;
                            withCloser: {
                                lost: number;
                                rate: number | null;
                                won: number;
                            };
                            withoutCloser: {
                                lost: number;
                                rate: number | null;
                                won: number;
                            };
                        };
                        /** @description The cohort view: the leads captured in [from, to) and how far each has got since (its deal included). A lead counts for every stage up to the furthest it reached, so no step exceeds 100 %. The cohort of a period still moves while its leads are open. Grouped, a lead counts for its lead generator (by rep and role) or its own source and first script. */
                        cohortFunnel: {
                            /** @description how many of the cohort stopped before each step (still open, lost or disqualified) */
                            dropOff: {
                                capturedToContacted: number;
                                contactedToQualified: number;
                                dealOpenedToMeetingHeld: number;
                                handedOffToDealOpened: number;
                                meetingHeldToProposalSent: number;
                                proposalSentToWon: number;
                                qualifiedToHandedOff: number;
                            };
                            /** @description of the leads captured in the period, how many have reached each stage, or a later one, by now (by asOf) */
                            funnel: {
                                captured: number;
                                contacted: number;
                                dealOpened: number;
                                handedOff: number;
                                meetingHeld: number;
                                proposalSent: number;
                                qualified: number;
                                won: number;
                            };
                            /** @description each stage ÷ the one before it: never above 1 */
                            stageConversion: {
                                capturedToContacted: number | null;
                                contactedToQualified: number | null;
                                dealOpenedToMeetingHeld: number | null;
                                handedOffToDealOpened: number | null;
                                meetingHeldToProposalSent: number | null;
                                proposalSentToWon: number | null;
                                qualifiedToHandedOff: number | null;
                            };
                        };
                        /** @description events the figures were computed from */
                        eventsApplied: number;
                        /** @description Period activity: how many reached each stage within the period (by the time each stage was first reached), so a stage can hold more than the one before it (proposals sent in March for deals opened in February). These names are fixed: other tools rely on them. */
                        funnel: {
                            captured: number;
                            contacted: number;
                            dealOpened: number;
                            handedOff: number;
                            meetingHeld: number;
                            proposalSent: number;
                            qualified: number;
                            won: number;
                        };
                        /** @enum {string|null} */
                        groupBy: "rep" | "role" | "source" | "script" | null;
                        /** @description the same KPIs per group when groupBy is set (a won deal counts for its hunter and its closer; revenue by the credit split) */
                        groups: {
                            activity: {
                                attempts: number;
                                attemptsPerLeadGeneratorPerDay: number | null;
                                days: number;
                                meetingsHeld: number;
                                meetingsPerHunterPerWeek: number | null;
                                touchpoints: number;
                                touchpointsPerFarmer: number | null;
                            };
                            averageDealSize: {
                                /** @description by currency; null where the denominator is 0 */
                                average: {
                                    [key: string]: number | null;
                                };
                                /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                wonAmount: {
                                    [key: string]: number;
                                };
                                /** @description deals won by currency */
                                wonDeals: {
                                    [key: string]: number;
                                };
                            };
                            /** @description win rate of deals handed to a closer minus that of deals the hunter closed alone */
                            closerUplift: {
                                uplift: number | null;
                                withCloser: {
                                    lost: number;
                                    rate: number | null;
                                    won: number;
                                };
                                withoutCloser: {
                                    lost: number;
                                    rate: number | null;
                                    won: number;
                                };
                            };
                            /** @description The cohort view: the leads captured in [from, to) and how far each has got since (its deal included). A lead counts for every stage up to the furthest it reached, so no step exceeds 100 %. The cohort of a period still moves while its leads are open. Grouped, a lead counts for its lead generator (by rep and role) or its own source and first script. */
                            cohortFunnel: {
                                /** @description how many of the cohort stopped before each step (still open, lost or disqualified) */
                                dropOff: {
                                    capturedToContacted: number;
                                    contactedToQualified: number;
                                    dealOpenedToMeetingHeld: number;
                                    handedOffToDealOpened: number;
                                    meetingHeldToProposalSent: number;
                                    proposalSentToWon: number;
                                    qualifiedToHandedOff: number;
                                };
                                /** @description of the leads captured in the period, how many have reached each stage, or a later one, by now (by asOf) */
                                funnel: {
                                    captured: number;
                                    contacted: number;
                                    dealOpened: number;
                                    handedOff: number;
                                    meetingHeld: number;
                                    proposalSent: number;
                                    qualified: number;
                                    won: number;
                                };
                                /** @description each stage ÷ the one before it: never above 1 */
                                stageConversion: {
                                    capturedToContacted: number | null;
                                    contactedToQualified: number | null;
                                    dealOpenedToMeetingHeld: number | null;
                                    handedOffToDealOpened: number | null;
                                    meetingHeldToProposalSent: number | null;
                                    proposalSentToWon: number | null;
                                    qualifiedToHandedOff: number | null;
                                };
                            };
                            /** @description Period activity: how many reached each stage within the period (by the time each stage was first reached), so a stage can hold more than the one before it (proposals sent in March for deals opened in February). These names are fixed: other tools rely on them. */
                            funnel: {
                                captured: number;
                                contacted: number;
                                dealOpened: number;
                                handedOff: number;
                                meetingHeld: number;
                                proposalSent: number;
                                qualified: number;
                                won: number;
                            };
                            /** @description medians over handoffs completed in the period: lead qualified → handed to a hunter; deal handed to a closer → the closer's first move; deal won → account opened; deal won → first touchpoint on the account */
                            handoffLatency: {
                                hunterToCloser: {
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                leadGeneratorToHunter: {
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                wonToAccountOpened: {
                                    count: number;
                                    medianSeconds: number | null;
                                };
                                wonToFirstFarmerTouch: {
                                    count: number;
                                    medianSeconds: number | null;
                                };
                            };
                            key: string;
                            lossReasons: {
                                /** @description lost deals by competitor */
                                competitors: {
                                    [key: string]: number;
                                };
                                /** @description lost deals by reason */
                                deals: {
                                    [key: string]: number;
                                };
                                /** @description disqualified leads by reason */
                                leadsDisqualified: {
                                    [key: string]: number;
                                };
                            };
                            /** @description the rep's name (groupBy=rep only) */
                            name?: string | null;
                            /** @description open deals at the end of the period, at their proposal amount (or estimated value) */
                            openPipeline: {
                                [key: string]: number;
                            };
                            /** @description won in the period; by the credit split when grouped by rep or role */
                            revenue: {
                                /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                newBusiness: {
                                    [key: string]: number;
                                };
                                /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                repeat: {
                                    [key: string]: number;
                                };
                            };
                            /** @description the rep's role (groupBy=rep only) */
                            role?: string;
                            /** @description deal opened → won, deals won in the period */
                            salesCycle: {
                                medianDays: number | null;
                                wonDeals: number;
                            };
                            /** @description open deals at the end of the period × average deal size × win rate ÷ median cycle days (money per day) */
                            salesVelocity: {
                                openDeals: number;
                                /** @description by currency; null where the denominator is 0 */
                                perDay: {
                                    [key: string]: number | null;
                                };
                            };
                            /** @description captured → first contact attempt, over leads first contacted in the period */
                            speedToLead: {
                                leadsContacted: number;
                                medianSeconds: number | null;
                            };
                            /** @description the period-activity funnel: each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0; can exceed 1 */
                            stageConversion: {
                                capturedToContacted: number | null;
                                contactedToQualified: number | null;
                                dealOpenedToMeetingHeld: number | null;
                                handedOffToDealOpened: number | null;
                                meetingHeldToProposalSent: number | null;
                                proposalSentToWon: number | null;
                                qualifiedToHandedOff: number | null;
                            };
                            /** @description won ÷ (won + lost), deals closed in the period */
                            winRate: {
                                lost: number;
                                rate: number | null;
                                won: number;
                            };
                        }[];
                        /** @description medians over handoffs completed in the period: lead qualified → handed to a hunter; deal handed to a closer → the closer's first move; deal won → account opened; deal won → first touchpoint on the account */
                        handoffLatency: {
                            hunterToCloser: {
                                count: number;
                                medianSeconds: number | null;
                            };
                            leadGeneratorToHunter: {
                                count: number;
                                medianSeconds: number | null;
                            };
                            wonToAccountOpened: {
                                count: number;
                                medianSeconds: number | null;
                            };
                            wonToFirstFarmerTouch: {
                                count: number;
                                medianSeconds: number | null;
                            };
                        };
                        lossReasons: {
                            /** @description lost deals by competitor */
                            competitors: {
                                [key: string]: number;
                            };
                            /** @description lost deals by reason */
                            deals: {
                                [key: string]: number;
                            };
                            /** @description disqualified leads by reason */
                            leadsDisqualified: {
                                [key: string]: number;
                            };
                        };
                        /** @description open deals at the end of the period, at their proposal amount (or estimated value) */
                        openPipeline: {
                            [key: string]: number;
                        };
                        period: {
                            days: number;
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                        };
                        /** @description open pipeline ÷ what remains of the team new-business revenue plans running at the end of the period */
                        pipelineCoverage: {
                            /** @description by currency; null where the denominator is 0 */
                            coverage: {
                                [key: string]: number | null;
                            };
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            openPipeline: {
                                [key: string]: number;
                            };
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            remainingPlan: {
                                [key: string]: number;
                            };
                        };
                        /** @description every sales plan whose period overlaps the query period, with what was achieved in its own period up to the end of the query period */
                        planVsActual: {
                            actual: number;
                            attainment: number | null;
                            currency: string | null;
                            metric: string;
                            periodElapsed: number;
                            /** Format: date-time */
                            periodEnd: string;
                            /** Format: date-time */
                            periodStart: string;
                            planId: string;
                            remaining: number;
                            scope: {
                                /** @enum {string} */
                                kind: "team";
                            } | {
                                /** @enum {string} */
                                kind: "role";
                                role: string;
                            } | {
                                /** @enum {string} */
                                kind: "rep";
                                repId: string;
                            };
                            target: number;
                        }[];
                        /** @description the last event the figures include (commit/prepare); null before the first */
                        position: string | null;
                        /** @description the account base at the start of the period: churn, repeat-sale rate, GRR = (base revenue − churned revenue) ÷ base revenue, NRR = (base revenue − churned revenue + repeat revenue in the period) ÷ base revenue; revenue so far = opening revenue + repeat sales won */
                        retention: {
                            accountsWithRepeatSale: number;
                            baseAccounts: number;
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            baseRevenue: {
                                [key: string]: number;
                            };
                            churnedAccounts: number;
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            churnedRevenue: {
                                [key: string]: number;
                            };
                            churnRate: number | null;
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            expansionRevenue: {
                                [key: string]: number;
                            };
                            /** @description by currency; null where the denominator is 0 */
                            grr: {
                                [key: string]: number | null;
                            };
                            /** @description by currency; null where the denominator is 0 */
                            nrr: {
                                [key: string]: number | null;
                            };
                            repeatSaleRate: number | null;
                        };
                        /** @description won in the period; by the credit split when grouped by rep or role */
                        revenue: {
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            newBusiness: {
                                [key: string]: number;
                            };
                            /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                            repeat: {
                                [key: string]: number;
                            };
                        };
                        /** @description deal opened → won, deals won in the period */
                        salesCycle: {
                            medianDays: number | null;
                            wonDeals: number;
                        };
                        /** @description open deals at the end of the period × average deal size × win rate ÷ median cycle days (money per day) */
                        salesVelocity: {
                            openDeals: number;
                            /** @description by currency; null where the denominator is 0 */
                            perDay: {
                                [key: string]: number | null;
                            };
                        };
                        /** @description captured → first contact attempt, over leads first contacted in the period */
                        speedToLead: {
                            leadsContacted: number;
                            medianSeconds: number | null;
                        };
                        /** @description the period-activity funnel: each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0; can exceed 1 */
                        stageConversion: {
                            capturedToContacted: number | null;
                            contactedToQualified: number | null;
                            dealOpenedToMeetingHeld: number | null;
                            handedOffToDealOpened: number | null;
                            meetingHeldToProposalSent: number | null;
                            proposalSentToWon: number | null;
                            qualifiedToHandedOff: number | null;
                        };
                        /** @description won ÷ (won + lost), deals closed in the period */
                        winRate: {
                            lost: number;
                            rate: number | null;
                            won: number;
                        };
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    KpiExportController_export: {
        parameters: {
            query?: {
                /** @description the figures as they stood at this moment: only what had occurred by then counts (not in the future) */
                asOf?: string;
                /** @description default all: the dashboard's figures and the leaderboard */
                content?: "all" | "dashboard" | "leaderboard";
                /** @description default xlsx */
                format?: "xlsx" | "csv";
                /** @description start of the period, inclusive (default: 30 days before `to`) */
                from?: string;
                /** @description end of the period, exclusive (default: asOf, else now) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description an attachment: xlsx — a workbook with the sheets Summary, Plans, Funnel, Loss reasons (content dashboard or all) and Leaderboard (leaderboard or all); csv — those tables one after another, each under its title (one table alone without a title), UTF-8 with a byte-order mark. Text that a spreadsheet would read as a formula (starting with = + - @) is written with a leading '. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "text/csv": string;
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ForecastController_forecast: {
        parameters: {
            query?: {
                /** @description the figures as they stood at this moment: only what had occurred by then counts (not in the future) */
                asOf?: string;
                /** @description start of the period, inclusive (default: the 1st of the month of `to`, or of asOf/now); plans whose period is exactly [from, to) are forecast */
                from?: string;
                /** @description when the forecast is made: only what had happened by then counts (default: asOf, else now, but not after `to`); within [from, to], not after asOf or now */
                madeAt?: string;
                /** @description end of the period, exclusive (default: the 1st of the month after `from`, or after asOf/now) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description per plan of the period, and for the team's new business per currency: the forecast, how it was made, and the actual */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description min(to, asOf or now)
                         */
                        actualUntil: string;
                        /**
                         * Format: date-time
                         * @description set when the figures were computed from the history as it stood then (the asOf parameter)
                         */
                        asOf: string | null;
                        daysLeft: number;
                        elapsedShare: number;
                        /** @description events the figures were computed from */
                        eventsApplied: number;
                        /** Format: date-time */
                        madeAt: string;
                        period: {
                            days: number;
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                        };
                        /** @description actualUntil is the end of the period: `actual` is final */
                        periodEnded: boolean;
                        /** @description every plan whose period is exactly [from, to), by metric then id */
                        plans: {
                            /** @description achieved in [from, madeAt) */
                            achieved: number;
                            /** @description what the period achieved in [from, actualUntil): once the period has ended, the forecast's back-test */
                            actual: number;
                            /** @description actual ÷ target */
                            attainment: number | null;
                            /** @description forecast ÷ target */
                            attainmentForecast: number | null;
                            currency: string | null;
                            /** @description where the period will end; null for a run rate made at its very start */
                            forecast: number | null;
                            /**
                             * @description pipeline for money and deals; run-rate for leads qualified, meetings held and touchpoints
                             * @enum {string}
                             */
                            method: "pipeline" | "run-rate";
                            /** @enum {string} */
                            metric: "new-business-revenue" | "repeat-revenue" | "deals-won" | "leads-qualified" | "meetings-held" | "touchpoints";
                            /** @description how a pipeline forecast was made: forecast = achieved + expected + newPipeline.expected */
                            pipeline: {
                                /** @description R = to − madeAt, in days: the window the odds and the new pipeline are measured over */
                                daysLeft: number;
                                /** @description open deals by the furthest stage each had reached by madeAt, valued by the proposal then in force (else the estimate); empty for repeat revenue */
                                dealStages: {
                                    /** @description how long the open deals had been at the stage */
                                    ageDays: {
                                        /** @description and the oldest */
                                        max: number | null;
                                        /** @description whole days the open deals had been at the stage by madeAt: the median; null with none open */
                                        median: number | null;
                                    };
                                    /** @description the oldest whole-day age at which minComparables deals of the history were still open with the daysLeft after it known; null when even age 0 has fewer */
                                    bandFromDays: number | null;
                                    /** @description how many of the open deals were weighted by which odds (age + band + stage = open) */
                                    basis: {
                                        /** @description weighted by the odds of their own age: at least minComparables deals of the history were still open that long */
                                        age: number;
                                        /** @description older than bandFromDays: weighted by the odds of that age, the oldest with minComparables of them */
                                        band: number;
                                        /** @description weighted by stageProbability: they reached the stage less than a day before madeAt, or the history is too short for any age */
                                        stage: number;
                                    };
                                    /** @description Σ over the open deals of value × its odds (≈ openValue × probability) */
                                    expected: number;
                                    /** @enum {string} */
                                    key: "qualification" | "discovery" | "proposal" | "negotiation" | "contract";
                                    /** @description deals open when the forecast was made that count for it */
                                    open: number;
                                    /** @description what they are worth to it: money in its currency (a rep's or role's share of each deal), or a count of deals for deals-won */
                                    openValue: number;
                                    /** @description expected ÷ openValue: the mean of the odds of the open deals, each weighted by its value, and each by how long it had been at the stage: of the deals of the history that were still open (neither won nor lost) that many whole days after, with the daysLeft that followed known by madeAt, the share won within them (see basis). stageProbability when nothing of value is open; null without history (then counted as 0) */
                                    probability: number | null;
                                    /** @description won ÷ total: the odds of deals that reached the stage less than a day before madeAt (the probability before age counted); null without history */
                                    stageProbability: number | null;
                                    /** @description deals of the history that reached this stage (were opened) at least daysLeft before madeAt */
                                    total: number;
                                    /** @description of those, won within daysLeft of it, and before madeAt */
                                    won: number;
                                }[];
                                /** @description from the work open at madeAt: the sum of the rows' expected */
                                expected: number;
                                /** @description how many deals (repeat sales) of the history the odds of an age must rest on: 20 */
                                minComparables: number;
                                /** @description what deals (repeat sales) not yet opened at madeAt are expected to bring: opened and won before `to` */
                                newPipeline: {
                                    /** @description deals (repeat sales, for repeat revenue) opened in the lookback and won within daysLeft of opening that count for this forecast */
                                    deals: number;
                                    /** @description valueDays ÷ lookbackDays (0 without history): what work opened after madeAt is expected to win by `to` */
                                    expected: number;
                                    /** @description L, the days of history the rate of won work is learnt from: 90 (a quarter), or fewer where the history of deals (of repeat sales, for repeat revenue) or the plan's rep began later; 0 without history. The lookback is [madeAt − daysLeft − lookbackDays, madeAt − daysLeft): whatever was opened in it had daysLeft to be won before madeAt */
                                    lookbackDays: number;
                                    /** @description Σ over them of value × (daysLeft − the days it took to be won); value as openValue counts it */
                                    valueDays: number;
                                };
                                /** @description open repeat sales by kind, at their estimated value; repeat revenue only */
                                repeatSaleKinds: {
                                    /** @description how long the open repeat sales had been open */
                                    ageDays: {
                                        /** @description and the oldest */
                                        max: number | null;
                                        /** @description whole days the open repeat sales had been open by madeAt: the median; null with none open */
                                        median: number | null;
                                    };
                                    /** @description the oldest whole-day age at which minComparables repeat sales of the history were still open with the daysLeft after it known; null when even age 0 has fewer */
                                    bandFromDays: number | null;
                                    /** @description how many of the open repeat sales were weighted by which odds (age + band + stage = open) */
                                    basis: {
                                        /** @description weighted by the odds of their own age: at least minComparables repeat sales of the history were still open that long */
                                        age: number;
                                        /** @description older than bandFromDays: weighted by the odds of that age, the oldest with minComparables of them */
                                        band: number;
                                        /** @description weighted by stageProbability: they were opened less than a day before madeAt, or the history is too short for any age */
                                        stage: number;
                                    };
                                    /** @description Σ over the open repeat sales of value × its odds (≈ openValue × probability) */
                                    expected: number;
                                    /** @enum {string} */
                                    key: "upsell" | "cross-sell" | "renewal";
                                    /** @description repeat sales open when the forecast was made that count for it */
                                    open: number;
                                    /** @description what they are worth to it: money in its currency (a rep's or role's share of each deal), or a count of deals for deals-won */
                                    openValue: number;
                                    /** @description expected ÷ openValue: the mean of the odds of the open repeat sales, each weighted by its value, and each by how long it had been open: of the repeat sales of the history that were still open (neither won nor lost) that many whole days after, with the daysLeft that followed known by madeAt, the share won within them (see basis). stageProbability when nothing of value is open; null without history (then counted as 0) */
                                    probability: number | null;
                                    /** @description won ÷ total: the odds of repeat sales that were opened less than a day before madeAt (the probability before age counted); null without history */
                                    stageProbability: number | null;
                                    /** @description repeat sales of the history that reached this stage (were opened) at least daysLeft before madeAt */
                                    total: number;
                                    /** @description of those, won within daysLeft of it, and before madeAt */
                                    won: number;
                                }[];
                            } | null;
                            /** @description null for the team's new business per currency, forecast with or without a plan */
                            planId: string | null;
                            /** @description how a run-rate forecast was made: forecast = achieved ÷ elapsedShare */
                            runRate: {
                                /** @description (madeAt − from) ÷ (to − from) */
                                elapsedShare: number;
                            } | null;
                            scope: {
                                /** @enum {string} */
                                kind: "team";
                            } | {
                                /** @enum {string} */
                                kind: "role";
                                role: string;
                            } | {
                                /** @enum {string} */
                                kind: "rep";
                                repId: string;
                            };
                            /** @description the plan's target; null without a plan */
                            target: number | null;
                        }[];
                        /** @description the last event the figures include (commit/prepare); null before the first */
                        position: string | null;
                        /** @description the team's new-business revenue per currency (of deals won in the period or open at madeAt), by the pipeline, whether or not a plan is set */
                        teamNewBusinessRevenue: {
                            /** @description achieved in [from, madeAt) */
                            achieved: number;
                            /** @description what the period achieved in [from, actualUntil): once the period has ended, the forecast's back-test */
                            actual: number;
                            /** @description actual ÷ target */
                            attainment: number | null;
                            /** @description forecast ÷ target */
                            attainmentForecast: number | null;
                            currency: string | null;
                            /** @description where the period will end; null for a run rate made at its very start */
                            forecast: number | null;
                            /**
                             * @description pipeline for money and deals; run-rate for leads qualified, meetings held and touchpoints
                             * @enum {string}
                             */
                            method: "pipeline" | "run-rate";
                            /** @enum {string} */
                            metric: "new-business-revenue" | "repeat-revenue" | "deals-won" | "leads-qualified" | "meetings-held" | "touchpoints";
                            /** @description how a pipeline forecast was made: forecast = achieved + expected + newPipeline.expected */
                            pipeline: {
                                /** @description R = to − madeAt, in days: the window the odds and the new pipeline are measured over */
                                daysLeft: number;
                                /** @description open deals by the furthest stage each had reached by madeAt, valued by the proposal then in force (else the estimate); empty for repeat revenue */
                                dealStages: {
                                    /** @description how long the open deals had been at the stage */
                                    ageDays: {
                                        /** @description and the oldest */
                                        max: number | null;
                                        /** @description whole days the open deals had been at the stage by madeAt: the median; null with none open */
                                        median: number | null;
                                    };
                                    /** @description the oldest whole-day age at which minComparables deals of the history were still open with the daysLeft after it known; null when even age 0 has fewer */
                                    bandFromDays: number | null;
                                    /** @description how many of the open deals were weighted by which odds (age + band + stage = open) */
                                    basis: {
                                        /** @description weighted by the odds of their own age: at least minComparables deals of the history were still open that long */
                                        age: number;
                                        /** @description older than bandFromDays: weighted by the odds of that age, the oldest with minComparables of them */
                                        band: number;
                                        /** @description weighted by stageProbability: they reached the stage less than a day before madeAt, or the history is too short for any age */
                                        stage: number;
                                    };
                                    /** @description Σ over the open deals of value × its odds (≈ openValue × probability) */
                                    expected: number;
                                    /** @enum {string} */
                                    key: "qualification" | "discovery" | "proposal" | "negotiation" | "contract";
                                    /** @description deals open when the forecast was made that count for it */
                                    open: number;
                                    /** @description what they are worth to it: money in its currency (a rep's or role's share of each deal), or a count of deals for deals-won */
                                    openValue: number;
                                    /** @description expected ÷ openValue: the mean of the odds of the open deals, each weighted by its value, and each by how long it had been at the stage: of the deals of the history that were still open (neither won nor lost) that many whole days after, with the daysLeft that followed known by madeAt, the share won within them (see basis). stageProbability when nothing of value is open; null without history (then counted as 0) */
                                    probability: number | null;
                                    /** @description won ÷ total: the odds of deals that reached the stage less than a day before madeAt (the probability before age counted); null without history */
                                    stageProbability: number | null;
                                    /** @description deals of the history that reached this stage (were opened) at least daysLeft before madeAt */
                                    total: number;
                                    /** @description of those, won within daysLeft of it, and before madeAt */
                                    won: number;
                                }[];
                                /** @description from the work open at madeAt: the sum of the rows' expected */
                                expected: number;
                                /** @description how many deals (repeat sales) of the history the odds of an age must rest on: 20 */
                                minComparables: number;
                                /** @description what deals (repeat sales) not yet opened at madeAt are expected to bring: opened and won before `to` */
                                newPipeline: {
                                    /** @description deals (repeat sales, for repeat revenue) opened in the lookback and won within daysLeft of opening that count for this forecast */
                                    deals: number;
                                    /** @description valueDays ÷ lookbackDays (0 without history): what work opened after madeAt is expected to win by `to` */
                                    expected: number;
                                    /** @description L, the days of history the rate of won work is learnt from: 90 (a quarter), or fewer where the history of deals (of repeat sales, for repeat revenue) or the plan's rep began later; 0 without history. The lookback is [madeAt − daysLeft − lookbackDays, madeAt − daysLeft): whatever was opened in it had daysLeft to be won before madeAt */
                                    lookbackDays: number;
                                    /** @description Σ over them of value × (daysLeft − the days it took to be won); value as openValue counts it */
                                    valueDays: number;
                                };
                                /** @description open repeat sales by kind, at their estimated value; repeat revenue only */
                                repeatSaleKinds: {
                                    /** @description how long the open repeat sales had been open */
                                    ageDays: {
                                        /** @description and the oldest */
                                        max: number | null;
                                        /** @description whole days the open repeat sales had been open by madeAt: the median; null with none open */
                                        median: number | null;
                                    };
                                    /** @description the oldest whole-day age at which minComparables repeat sales of the history were still open with the daysLeft after it known; null when even age 0 has fewer */
                                    bandFromDays: number | null;
                                    /** @description how many of the open repeat sales were weighted by which odds (age + band + stage = open) */
                                    basis: {
                                        /** @description weighted by the odds of their own age: at least minComparables repeat sales of the history were still open that long */
                                        age: number;
                                        /** @description older than bandFromDays: weighted by the odds of that age, the oldest with minComparables of them */
                                        band: number;
                                        /** @description weighted by stageProbability: they were opened less than a day before madeAt, or the history is too short for any age */
                                        stage: number;
                                    };
                                    /** @description Σ over the open repeat sales of value × its odds (≈ openValue × probability) */
                                    expected: number;
                                    /** @enum {string} */
                                    key: "upsell" | "cross-sell" | "renewal";
                                    /** @description repeat sales open when the forecast was made that count for it */
                                    open: number;
                                    /** @description what they are worth to it: money in its currency (a rep's or role's share of each deal), or a count of deals for deals-won */
                                    openValue: number;
                                    /** @description expected ÷ openValue: the mean of the odds of the open repeat sales, each weighted by its value, and each by how long it had been open: of the repeat sales of the history that were still open (neither won nor lost) that many whole days after, with the daysLeft that followed known by madeAt, the share won within them (see basis). stageProbability when nothing of value is open; null without history (then counted as 0) */
                                    probability: number | null;
                                    /** @description won ÷ total: the odds of repeat sales that were opened less than a day before madeAt (the probability before age counted); null without history */
                                    stageProbability: number | null;
                                    /** @description repeat sales of the history that reached this stage (were opened) at least daysLeft before madeAt */
                                    total: number;
                                    /** @description of those, won within daysLeft of it, and before madeAt */
                                    won: number;
                                }[];
                            } | null;
                            /** @description null for the team's new business per currency, forecast with or without a plan */
                            planId: string | null;
                            /** @description how a run-rate forecast was made: forecast = achieved ÷ elapsedShare */
                            runRate: {
                                /** @description (madeAt − from) ÷ (to − from) */
                                elapsedShare: number;
                            } | null;
                            scope: {
                                /** @enum {string} */
                                kind: "team";
                            } | {
                                /** @enum {string} */
                                kind: "role";
                                role: string;
                            } | {
                                /** @enum {string} */
                                kind: "rep";
                                repId: string;
                            };
                            /** @description the plan's target; null without a plan */
                            target: number | null;
                        }[];
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    FunnelDrillDownController_stage: {
        parameters: {
            query?: {
                /** @description the figures as they stood at this moment: only what had occurred by then counts (not in the future) */
                asOf?: string;
                /** @description start of the period, inclusive (default: 30 days before `to`) */
                from?: string;
                /** @description 1 to 500, default 100 */
                limit?: string;
                /** @description items to skip, default 0 */
                offset?: string;
                /** @description end of the period, exclusive (default: asOf, else now) */
                to?: string;
                /** @description activity (default): what reached the stage within the period, as `funnel` of GET /kpis; cohort: the leads captured in the period that have reached it, or a later stage, as `cohortFunnel.funnel` */
                view?: "activity" | "cohort";
            };
            header?: never;
            path: {
                /** @description captured … handedOff list leads; dealOpened … won list deals */
                stage: "captured" | "contacted" | "qualified" | "handedOff" | "dealOpened" | "meetingHeld" | "proposalSent" | "won";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the leads or deals counted in that stage, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description set when the figures were computed from the history as it stood then (the asOf parameter)
                         */
                        asOf: string | null;
                        /** @description events the figures were computed from */
                        eventsApplied: number;
                        /** Format: date-time */
                        from: string;
                        /** @description at most `limit`, from `offset`, newest reachedAt first */
                        items: {
                            /** @description the company's name */
                            company: string | null;
                            /** @description the deal the lead was handed off into, if any */
                            dealId: string | null;
                            /** @description the lead's or the deal's id */
                            id: string;
                            /**
                             * @description a lead up to handedOff, a deal from dealOpened on
                             * @enum {string}
                             */
                            kind: "lead" | "deal";
                            leadId: string;
                            /**
                             * Format: date-time
                             * @description when it reached the stage (cohort view, for a stage it skipped: when it got past it)
                             */
                            reachedAt: string;
                            /** @description who owns it: the lead's lead generator (null while unassigned); the deal's closer once handed to one, else its hunter */
                            repId: string | null;
                            /** @description a lead's estimated value (null if none was given); a deal's amount when won, else its latest proposal, else its estimated value */
                            value: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            } | null;
                        }[];
                        /** @description the last event the figures include (commit/prepare); null before the first */
                        position: string | null;
                        /** @enum {string} */
                        stage: "captured" | "contacted" | "qualified" | "handedOff" | "dealOpened" | "meetingHeld" | "proposalSent" | "won";
                        /** Format: date-time */
                        to: string;
                        /** @description items in the stage: equals the stage's count in `funnel` (activity) or `cohortFunnel.funnel` (cohort) of GET /kpis for the same from, to and asOf */
                        total: number;
                        /** @enum {string} */
                        view: "activity" | "cohort";
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such stage. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    LeaderboardController_leaderboard: {
        parameters: {
            query?: {
                /** @description the figures as they stood at this moment: only what had occurred by then counts (not in the future) */
                asOf?: string;
                /** @description start of the period, inclusive (default: 30 days before `to`) */
                from?: string;
                /** @description end of the period, exclusive (default: asOf, else now) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every rep of the period by role, with the figures of GET /kpis?groupBy=rep */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description set when the figures were computed from the history as it stood then (the asOf parameter)
                         */
                        asOf: string | null;
                        /** @description events the figures were computed from */
                        eventsApplied: number;
                        period: {
                            days: number;
                            /** Format: date-time */
                            from: string;
                            /** Format: date-time */
                            to: string;
                        };
                        /** @description the last event the figures include (commit/prepare); null before the first */
                        position: string | null;
                        /** @description the reps in the department during the period (joined before `to`, not gone before `from`), by role in this order: lead-generator, hunter, closer, farmer, kam, sales-assistant, head-of-sales */
                        roles: {
                            /** @description by plan attainment (none last), then the role's own figure (leads qualified, deals won, touchpoints), then name */
                            reps: {
                                /**
                                 * Format: date-time
                                 * @description when an absence ends, if one was given
                                 */
                                absentUntil: string | null;
                                /** @description now (or at asOf): false while marked absent */
                                available: boolean;
                                capacity: number;
                                /** @description the rep's group of GET /kpis?groupBy=rep for the same period: winRate, revenue, activity, funnel.qualified, salesCycle.medianDays */
                                figures: {
                                    attempts: number;
                                    leadsQualified: number;
                                    lost: number;
                                    medianCycleDays: number | null;
                                    meetingsHeld: number;
                                    /** @description won in the period, new business by the credit split (the group's revenue) */
                                    revenue: {
                                        /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                        newBusiness: {
                                            [key: string]: number;
                                        };
                                        /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                        repeat: {
                                            [key: string]: number;
                                        };
                                    };
                                    touchpoints: number;
                                    /** @description won ÷ (won + lost) */
                                    winRate: number | null;
                                    won: number;
                                };
                                /** @description openWork ÷ capacity */
                                load: number | null;
                                name: string;
                                /** @description open leads, deals and accounts at the end of the period */
                                openWork: number;
                                /** @description the mean attainment of those plans; null without one */
                                planAttainment: number | null;
                                /** @description the plans of this rep overlapping the period, as in planVsActual of GET /kpis */
                                plans: {
                                    actual: number;
                                    attainment: number | null;
                                    /** @description for the revenue metrics: the currency of target and actual */
                                    currency: string | null;
                                    metric: string;
                                    planId: string;
                                    target: number;
                                }[];
                                repId: string;
                                role: string;
                            }[];
                            role: string;
                        }[];
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    KpiSeriesController_series: {
        parameters: {
            query?: {
                /** @description the figures as they stood at this moment: only what had occurred by then counts (not in the future) */
                asOf?: string;
                /** @description start, inclusive (default: the 12 whole intervals before the one `to` falls in) */
                from?: string;
                groupBy?: "rep" | "role" | "source" | "script";
                /** @description ISO weeks (from Monday 00:00 UTC) or calendar months (UTC); default month */
                interval?: "week" | "month";
                /** @description end, exclusive (default: asOf, else now); the first and last bucket are cut at from and to */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description one GET /kpis report per week or month of the period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description set when the figures were computed from the history as it stood then (the asOf parameter)
                         */
                        asOf: string | null;
                        /** @description in time order, each week or month of [from, to) */
                        buckets: {
                            /** Format: date-time */
                            from: string;
                            /** @description exactly GET /kpis for [from, to) of this bucket (without asOf, position and eventsApplied, given once above) */
                            report: {
                                activity: {
                                    attempts: number;
                                    attemptsPerLeadGeneratorPerDay: number | null;
                                    days: number;
                                    meetingsHeld: number;
                                    meetingsPerHunterPerWeek: number | null;
                                    touchpoints: number;
                                    touchpointsPerFarmer: number | null;
                                };
                                averageDealSize: {
                                    /** @description by currency; null where the denominator is 0 */
                                    average: {
                                        [key: string]: number | null;
                                    };
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    wonAmount: {
                                        [key: string]: number;
                                    };
                                    /** @description deals won by currency */
                                    wonDeals: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description the hunter/farmer balance: new-business revenue against repeat revenue, with headcount and load (open work ÷ capacity) per role at the end of the period */
                                balance: {
                                    /** @description by role */
                                    byRole: {
                                        [key: string]: {
                                            capacity: number;
                                            headcount: number;
                                            load: number | null;
                                            openWork: number;
                                        };
                                    };
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    newBusinessRevenue: {
                                        [key: string]: number;
                                    };
                                    /** @description by currency; null where the denominator is 0 */
                                    newBusinessShare: {
                                        [key: string]: number | null;
                                    };
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    repeatRevenue: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description win rate of deals handed to a closer minus that of deals the hunter closed alone */
                                closerUplift: {
                                    uplift: number | null;
                                    withCloser: {
                                        lost: number;
                                        rate: number | null;
                                        won: number;
                                    };
                                    withoutCloser: {
                                        lost: number;
                                        rate: number | null;
                                        won: number;
                                    };
                                };
                                /** @description The cohort view: the leads captured in [from, to) and how far each has got since (its deal included). A lead counts for every stage up to the furthest it reached, so no step exceeds 100 %. The cohort of a period still moves while its leads are open. Grouped, a lead counts for its lead generator (by rep and role) or its own source and first script. */
                                cohortFunnel: {
                                    /** @description how many of the cohort stopped before each step (still open, lost or disqualified) */
                                    dropOff: {
                                        capturedToContacted: number;
                                        contactedToQualified: number;
                                        dealOpenedToMeetingHeld: number;
                                        handedOffToDealOpened: number;
                                        meetingHeldToProposalSent: number;
                                        proposalSentToWon: number;
                                        qualifiedToHandedOff: number;
                                    };
                                    /** @description of the leads captured in the period, how many have reached each stage, or a later one, by now (by asOf) */
                                    funnel: {
                                        captured: number;
                                        contacted: number;
                                        dealOpened: number;
                                        handedOff: number;
                                        meetingHeld: number;
                                        proposalSent: number;
                                        qualified: number;
                                        won: number;
                                    };
                                    /** @description each stage ÷ the one before it: never above 1 */
                                    stageConversion: {
                                        capturedToContacted: number | null;
                                        contactedToQualified: number | null;
                                        dealOpenedToMeetingHeld: number | null;
                                        handedOffToDealOpened: number | null;
                                        meetingHeldToProposalSent: number | null;
                                        proposalSentToWon: number | null;
                                        qualifiedToHandedOff: number | null;
                                    };
                                };
                                /** @description Period activity: how many reached each stage within the period (by the time each stage was first reached), so a stage can hold more than the one before it (proposals sent in March for deals opened in February). These names are fixed: other tools rely on them. */
                                funnel: {
                                    captured: number;
                                    contacted: number;
                                    dealOpened: number;
                                    handedOff: number;
                                    meetingHeld: number;
                                    proposalSent: number;
                                    qualified: number;
                                    won: number;
                                };
                                /** @enum {string|null} */
                                groupBy: "rep" | "role" | "source" | "script" | null;
                                /** @description the same KPIs per group when groupBy is set (a won deal counts for its hunter and its closer; revenue by the credit split) */
                                groups: {
                                    activity: {
                                        attempts: number;
                                        attemptsPerLeadGeneratorPerDay: number | null;
                                        days: number;
                                        meetingsHeld: number;
                                        meetingsPerHunterPerWeek: number | null;
                                        touchpoints: number;
                                        touchpointsPerFarmer: number | null;
                                    };
                                    averageDealSize: {
                                        /** @description by currency; null where the denominator is 0 */
                                        average: {
                                            [key: string]: number | null;
                                        };
                                        /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                        wonAmount: {
                                            [key: string]: number;
                                        };
                                        /** @description deals won by currency */
                                        wonDeals: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description win rate of deals handed to a closer minus that of deals the hunter closed alone */
                                    closerUplift: {
                                        uplift: number | null;
                                        withCloser: {
                                            lost: number;
                                            rate: number | null;
                                            won: number;
                                        };
                                        withoutCloser: {
                                            lost: number;
                                            rate: number | null;
                                            won: number;
                                        };
                                    };
                                    /** @description The cohort view: the leads captured in [from, to) and how far each has got since (its deal included). A lead counts for every stage up to the furthest it reached, so no step exceeds 100 %. The cohort of a period still moves while its leads are open. Grouped, a lead counts for its lead generator (by rep and role) or its own source and first script. */
                                    cohortFunnel: {
                                        /** @description how many of the cohort stopped before each step (still open, lost or disqualified) */
                                        dropOff: {
                                            capturedToContacted: number;
                                            contactedToQualified: number;
                                            dealOpenedToMeetingHeld: number;
                                            handedOffToDealOpened: number;
                                            meetingHeldToProposalSent: number;
                                            proposalSentToWon: number;
                                            qualifiedToHandedOff: number;
                                        };
                                        /** @description of the leads captured in the period, how many have reached each stage, or a later one, by now (by asOf) */
                                        funnel: {
                                            captured: number;
                                            contacted: number;
                                            dealOpened: number;
                                            handedOff: number;
                                            meetingHeld: number;
                                            proposalSent: number;
                                            qualified: number;
                                            won: number;
                                        };
                                        /** @description each stage ÷ the one before it: never above 1 */
                                        stageConversion: {
                                            capturedToContacted: number | null;
                                            contactedToQualified: number | null;
                                            dealOpenedToMeetingHeld: number | null;
                                            handedOffToDealOpened: number | null;
                                            meetingHeldToProposalSent: number | null;
                                            proposalSentToWon: number | null;
                                            qualifiedToHandedOff: number | null;
                                        };
                                    };
                                    /** @description Period activity: how many reached each stage within the period (by the time each stage was first reached), so a stage can hold more than the one before it (proposals sent in March for deals opened in February). These names are fixed: other tools rely on them. */
                                    funnel: {
                                        captured: number;
                                        contacted: number;
                                        dealOpened: number;
                                        handedOff: number;
                                        meetingHeld: number;
                                        proposalSent: number;
                                        qualified: number;
                                        won: number;
                                    };
                                    /** @description medians over handoffs completed in the period: lead qualified → handed to a hunter; deal handed to a closer → the closer's first move; deal won → account opened; deal won → first touchpoint on the account */
                                    handoffLatency: {
                                        hunterToCloser: {
                                            count: number;
                                            medianSeconds: number | null;
                                        };
                                        leadGeneratorToHunter: {
                                            count: number;
                                            medianSeconds: number | null;
                                        };
                                        wonToAccountOpened: {
                                            count: number;
                                            medianSeconds: number | null;
                                        };
                                        wonToFirstFarmerTouch: {
                                            count: number;
                                            medianSeconds: number | null;
                                        };
                                    };
                                    key: string;
                                    lossReasons: {
                                        /** @description lost deals by competitor */
                                        competitors: {
                                            [key: string]: number;
                                        };
                                        /** @description lost deals by reason */
                                        deals: {
                                            [key: string]: number;
                                        };
                                        /** @description disqualified leads by reason */
                                        leadsDisqualified: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description the rep's name (groupBy=rep only) */
                                    name?: string | null;
                                    /** @description open deals at the end of the period, at their proposal amount (or estimated value) */
                                    openPipeline: {
                                        [key: string]: number;
                                    };
                                    /** @description won in the period; by the credit split when grouped by rep or role */
                                    revenue: {
                                        /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                        newBusiness: {
                                            [key: string]: number;
                                        };
                                        /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                        repeat: {
                                            [key: string]: number;
                                        };
                                    };
                                    /** @description the rep's role (groupBy=rep only) */
                                    role?: string;
                                    /** @description deal opened → won, deals won in the period */
                                    salesCycle: {
                                        medianDays: number | null;
                                        wonDeals: number;
                                    };
                                    /** @description open deals at the end of the period × average deal size × win rate ÷ median cycle days (money per day) */
                                    salesVelocity: {
                                        openDeals: number;
                                        /** @description by currency; null where the denominator is 0 */
                                        perDay: {
                                            [key: string]: number | null;
                                        };
                                    };
                                    /** @description captured → first contact attempt, over leads first contacted in the period */
                                    speedToLead: {
                                        leadsContacted: number;
                                        medianSeconds: number | null;
                                    };
                                    /** @description the period-activity funnel: each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0; can exceed 1 */
                                    stageConversion: {
                                        capturedToContacted: number | null;
                                        contactedToQualified: number | null;
                                        dealOpenedToMeetingHeld: number | null;
                                        handedOffToDealOpened: number | null;
                                        meetingHeldToProposalSent: number | null;
                                        proposalSentToWon: number | null;
                                        qualifiedToHandedOff: number | null;
                                    };
                                    /** @description won ÷ (won + lost), deals closed in the period */
                                    winRate: {
                                        lost: number;
                                        rate: number | null;
                                        won: number;
                                    };
                                }[];
                                /** @description medians over handoffs completed in the period: lead qualified → handed to a hunter; deal handed to a closer → the closer's first move; deal won → account opened; deal won → first touchpoint on the account */
                                handoffLatency: {
                                    hunterToCloser: {
                                        count: number;
                                        medianSeconds: number | null;
                                    };
                                    leadGeneratorToHunter: {
                                        count: number;
                                        medianSeconds: number | null;
                                    };
                                    wonToAccountOpened: {
                                        count: number;
                                        medianSeconds: number | null;
                                    };
                                    wonToFirstFarmerTouch: {
                                        count: number;
                                        medianSeconds: number | null;
                                    };
                                };
                                lossReasons: {
                                    /** @description lost deals by competitor */
                                    competitors: {
                                        [key: string]: number;
                                    };
                                    /** @description lost deals by reason */
                                    deals: {
                                        [key: string]: number;
                                    };
                                    /** @description disqualified leads by reason */
                                    leadsDisqualified: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description open deals at the end of the period, at their proposal amount (or estimated value) */
                                openPipeline: {
                                    [key: string]: number;
                                };
                                period: {
                                    days: number;
                                    /** Format: date-time */
                                    from: string;
                                    /** Format: date-time */
                                    to: string;
                                };
                                /** @description open pipeline ÷ what remains of the team new-business revenue plans running at the end of the period */
                                pipelineCoverage: {
                                    /** @description by currency; null where the denominator is 0 */
                                    coverage: {
                                        [key: string]: number | null;
                                    };
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    openPipeline: {
                                        [key: string]: number;
                                    };
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    remainingPlan: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description every sales plan whose period overlaps the query period, with what was achieved in its own period up to the end of the query period */
                                planVsActual: {
                                    actual: number;
                                    attainment: number | null;
                                    currency: string | null;
                                    metric: string;
                                    periodElapsed: number;
                                    /** Format: date-time */
                                    periodEnd: string;
                                    /** Format: date-time */
                                    periodStart: string;
                                    planId: string;
                                    remaining: number;
                                    scope: {
                                        /** @enum {string} */
                                        kind: "team";
                                    } | {
                                        /** @enum {string} */
                                        kind: "role";
                                        role: string;
                                    } | {
                                        /** @enum {string} */
                                        kind: "rep";
                                        repId: string;
                                    };
                                    target: number;
                                }[];
                                /** @description the account base at the start of the period: churn, repeat-sale rate, GRR = (base revenue − churned revenue) ÷ base revenue, NRR = (base revenue − churned revenue + repeat revenue in the period) ÷ base revenue; revenue so far = opening revenue + repeat sales won */
                                retention: {
                                    accountsWithRepeatSale: number;
                                    baseAccounts: number;
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    baseRevenue: {
                                        [key: string]: number;
                                    };
                                    churnedAccounts: number;
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    churnedRevenue: {
                                        [key: string]: number;
                                    };
                                    churnRate: number | null;
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    expansionRevenue: {
                                        [key: string]: number;
                                    };
                                    /** @description by currency; null where the denominator is 0 */
                                    grr: {
                                        [key: string]: number | null;
                                    };
                                    /** @description by currency; null where the denominator is 0 */
                                    nrr: {
                                        [key: string]: number | null;
                                    };
                                    repeatSaleRate: number | null;
                                };
                                /** @description won in the period; by the credit split when grouped by rep or role */
                                revenue: {
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    newBusiness: {
                                        [key: string]: number;
                                    };
                                    /** @description amounts by ISO 4217 currency, e.g. { "RUB": 1250000 } */
                                    repeat: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description deal opened → won, deals won in the period */
                                salesCycle: {
                                    medianDays: number | null;
                                    wonDeals: number;
                                };
                                /** @description open deals at the end of the period × average deal size × win rate ÷ median cycle days (money per day) */
                                salesVelocity: {
                                    openDeals: number;
                                    /** @description by currency; null where the denominator is 0 */
                                    perDay: {
                                        [key: string]: number | null;
                                    };
                                };
                                /** @description captured → first contact attempt, over leads first contacted in the period */
                                speedToLead: {
                                    leadsContacted: number;
                                    medianSeconds: number | null;
                                };
                                /** @description the period-activity funnel: each stage ÷ the one before it, e.g. capturedToContacted; null when the earlier stage is 0; can exceed 1 */
                                stageConversion: {
                                    capturedToContacted: number | null;
                                    contactedToQualified: number | null;
                                    dealOpenedToMeetingHeld: number | null;
                                    handedOffToDealOpened: number | null;
                                    meetingHeldToProposalSent: number | null;
                                    proposalSentToWon: number | null;
                                    qualifiedToHandedOff: number | null;
                                };
                                /** @description won ÷ (won + lost), deals closed in the period */
                                winRate: {
                                    lost: number;
                                    rate: number | null;
                                    won: number;
                                };
                            };
                            /** Format: date-time */
                            to: string;
                            /** @description false for a part of a week or month, cut at the query's from or to */
                            whole: boolean;
                        }[];
                        /** @description events the figures were computed from */
                        eventsApplied: number;
                        /** Format: date-time */
                        from: string;
                        /** @enum {string|null} */
                        groupBy: "rep" | "role" | "source" | "script" | null;
                        /** @enum {string} */
                        interval: "week" | "month";
                        /** @description the last event the figures include (commit/prepare); null before the first */
                        position: string | null;
                        /** Format: date-time */
                        to: string;
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CaptureLeadController_capture: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CaptureLeadDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    GetLeadController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                leadId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the lead's revision, quoted: send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        capturedAt: string;
                        company: {
                            name: string;
                            /** @description 10 or 12 digits; personal data, null once erased */
                            taxId?: string | null;
                        };
                        contact: {
                            /** @description e-mail; personal data, null once erased */
                            email?: string | null;
                            /** @description the contact person; personal data, null once erased */
                            name?: string | null;
                            /** @description phone; personal data, null once erased */
                            phone?: string | null;
                        };
                        contactAttempts: {
                            /** Format: date-time */
                            at: string;
                            attemptNumber: number;
                            /** @enum {string} */
                            channel: "call" | "email" | "messenger" | "visit";
                            leadId: string;
                            /**
                             * Format: date-time
                             * @description the callback agreed
                             */
                            nextAttemptAt?: string;
                            /** @description what was said; personal data, null once erased */
                            note?: string | null;
                            /** @enum {string} */
                            outcome: "reached" | "no-answer" | "left-message" | "callback-requested" | "wrong-contact" | "not-interested";
                            /** @description the call script version used */
                            script?: {
                                scriptId: string;
                                version: number;
                            };
                        }[];
                        disqualification: {
                            leadId: string;
                            /** @description why; personal data, null once erased */
                            note?: string | null;
                            /** @enum {string} */
                            reason: "no-budget" | "no-authority" | "no-need" | "bad-timing" | "unreachable" | "duplicate" | "existing-client" | "other";
                        } | null;
                        estimatedValue?: {
                            amount: number;
                            /** @description ISO 4217 code, e.g. RUB */
                            currency: string;
                        };
                        /** @description to which hunter, by which rule (company, contact and value as on the lead) */
                        handoff: {
                            /** @description who could have taken it, with their load then */
                            candidates: {
                                load: number;
                                repId: string;
                            }[];
                            /** @description the deal the hunter works */
                            dealId: string;
                            hunterId: string;
                            leadId: string;
                            /** @enum {string} */
                            rule: "least-loaded" | "named";
                            /** @description who was passed over, and why */
                            skipped: {
                                /** @enum {string} */
                                reason: "absent" | "over-capacity" | "left";
                                repId: string;
                            }[];
                        } | null;
                        /** @description what happened to it, oldest first */
                        history: {
                            /**
                             * Format: date-time
                             * @description when it happened
                             */
                            at: string;
                            /** @description who did it; null for an event written without an actor */
                            by: {
                                role: string;
                                userId: string;
                            } | null;
                            /** @description what the line shows besides its type (a routing rule, an outcome, a stage) */
                            detail?: {
                                [key: string]: unknown;
                            };
                            /** @description the event's revision in its stream (0 for the first) */
                            revision: number;
                            /** @description the event type, as in the event catalogue */
                            type: string;
                        }[];
                        /** @description the import it came with */
                        importId?: string;
                        /** @description the lead generator who owns it; null until routed */
                        leadGeneratorId: string | null;
                        leadId: string;
                        /** @description whose personal data it holds; erased fields read as null */
                        personalData: {
                            erased: boolean;
                            /**
                             * Format: date-time
                             * @description when it was erased
                             */
                            erasedAt?: string;
                            /** @description the data subject: `lead-<leadId>` for a lead and the deal and account that came from it */
                            subjectId: string;
                        };
                        /** @description BANT, once qualified */
                        qualification: {
                            authority: string;
                            budget: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            };
                            estimatedValue: {
                                amount: number;
                                /** @description ISO 4217 code, e.g. RUB */
                                currency: string;
                            };
                            leadId: string;
                            need: string;
                            timing: string;
                        } | null;
                        /** @description the lead's revision: its ETag, for If-Match */
                        revision: number;
                        /** @enum {string} */
                        source: "manual" | "web-form" | "import";
                        /** @enum {string} */
                        status: "open" | "qualified" | "disqualified" | "handed-off";
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AssignLeadController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                leadId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignLeadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    LogContactAttemptController_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                leadId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogContactAttemptDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    DisqualifyLeadController_disqualify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                leadId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DisqualifyLeadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    HandOffLeadController_handOff: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                leadId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandOffLeadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    QualifyLeadController_qualify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                leadId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QualifyLeadDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such lead. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ImportLeadsController_import: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description a JSON array of rows, or text/csv with a header row */
        requestBody: {
            content: {
                "application/json": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description rows matching a lead by tax id, e-mail or phone: not captured */
                        duplicates: {
                            /** @description the lead it matches (an earlier row of this import, or one stored before) */
                            existingLeadId: string;
                            /** @enum {string} */
                            matchedOn: "taxId" | "email" | "phone";
                            /** @description the row number, 1 for the first row after the header */
                            row: number;
                        }[];
                        /** @description leads captured */
                        imported: number;
                        importId: string;
                        /** @description the leads captured, by row */
                        leads: {
                            leadId: string;
                            /** @description the row number, 1 for the first row after the header */
                            row: number;
                        }[];
                        /** @description rows refused, with the field and why: not captured */
                        rejected: {
                            /** @description the column refused */
                            field: string;
                            reason: string;
                            /** @description the row number, 1 for the first row after the header */
                            row: number;
                        }[];
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    LiveController_stream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream. Each `progress` event (sent at once, then whenever a read model moved on) holds `{ "projections": { "<name>": { "state", "position", "eventsApplied" } } }`; its `id` is a digest of those positions. Refetch what a changed projection serves: kpi-facts → /kpis…, work-queues → /queues…. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests in the window (`rate-limited`), or this user already has LIVE_STREAMS_PER_USER GET /live streams open (`too-many-streams`): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus exposition format 0.0.4 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Too many requests from this address in the window (`rate-limited`, RATE_LIMIT_PER_IP): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SetPlanController_set: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    GetPlanController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                planId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such plan. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PrivacyController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subjectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such subject. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PrivacyController_erase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subjectId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ErasePersonalDataDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such subject. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    QueuesController_ofRep: {
        parameters: {
            query?: {
                /** @description 1 to 1000, default 100 */
                limit?: string;
            };
            header?: never;
            path: {
                repId: string;
                role: "lead-generator" | "hunter" | "closer" | "farmer" | "kam" | "sales-assistant" | "head-of-sales";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description any rep's queue, as that role (the head of sales) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueView"];
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such rep. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    QueuesController_mine: {
        parameters: {
            query?: {
                /** @description 1 to 1000, default 100 */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the caller's queue: role and rep id from the token */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueView"];
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RequestTaskController_request: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestTaskDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    GetTaskController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                taskId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the task's revision, quoted: send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the account it is for (or dealId) */
                        accountId?: string;
                        /** @description the sales assistant who does it; absent while unassigned */
                        assigneeId?: string;
                        cancellationReason?: string;
                        /** Format: date-time */
                        completedAt?: string;
                        /** @description what the assistant said on completing it; personal data, null once erased */
                        completionNote?: string | null;
                        /** @description the deal it is for (or accountId) */
                        dealId?: string;
                        /** Format: date-time */
                        dueAt: string;
                        /** @description what happened to it, oldest first */
                        history: {
                            /**
                             * Format: date-time
                             * @description when it happened
                             */
                            at: string;
                            /** @description who did it; null for an event written without an actor */
                            by: {
                                role: string;
                                userId: string;
                            } | null;
                            /** @description what the line shows besides its type (a routing rule, an outcome, a stage) */
                            detail?: {
                                [key: string]: unknown;
                            };
                            /** @description the event's revision in its stream (0 for the first) */
                            revision: number;
                            /** @description the event type, as in the event catalogue */
                            type: string;
                        }[];
                        /** @enum {string} */
                        kind: "presentation" | "proposal" | "contract-documents" | "report";
                        /** @description what the requester asked for; personal data, null once erased */
                        note?: string | null;
                        /** @description whose personal data it holds; erased fields read as null */
                        personalData: {
                            erased: boolean;
                            /**
                             * Format: date-time
                             * @description when it was erased
                             */
                            erasedAt?: string;
                            /** @description the data subject: `lead-<leadId>` for a lead and the deal and account that came from it */
                            subjectId: string;
                        };
                        /** Format: date-time */
                        requestedAt: string;
                        /** @description who asked for it */
                        requesterId: string;
                        /** @description the task's revision: its ETag, for If-Match */
                        revision: number;
                        /** @enum {string} */
                        status: "open" | "completed" | "cancelled";
                        taskId: string;
                    };
                };
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such task. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CancelTaskController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                taskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such task. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CompleteTaskController_complete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                taskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such task. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    GetTeamController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description every rep, with availability and current load */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RosterEntryView"][];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    JoinRepController_join: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["JoinRepDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SetRepAvailabilityController_availability: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                repId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AvailabilityDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such rep. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RecordRepLeftController_leave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                repId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeaveDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such rep. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ChangeRepRoleController_changeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                repId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeRoleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter or field is malformed: `field` names it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No bearer token or session, or one that is not valid. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The caller's role may not do this (`role-not-allowed`), or a session's request came from another site. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No such rep. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The resource moved on (`version-conflict`, for an `If-Match` of an older revision), or an `Idempotency-Key` was reused for another request. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A business rule refuses the command: `code` says which. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests from this address or by this user in the window (`rate-limited`, RATE_LIMIT_PER_IP, RATE_LIMIT_PER_USER): wait as `Retry-After` says. */
            429: {
                headers: {
                    /** @description Seconds to wait before asking again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
