/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $num = (v) => (typeof v === "number" ? v : v.toNumber());
const $nums = (r, f, a) => { const s = a.length; r[f](a); for (let i = s; i < a.length; i++) a[i] = $num(a[i]); };
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const metarena = $root.metarena = (() => {

    /**
     * Namespace metarena.
     * @exports metarena
     * @namespace
     */
    const metarena = {};

    metarena.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof metarena
         * @namespace
         */
        const v1 = {};

        v1.Metarena = (function() {

            /**
             * Constructs a new Metarena service.
             * @memberof metarena.v1
             * @classdesc Represents a Metarena
             * @extends $protobuf.rpc.Service
             * @constructor
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             */
            const Metarena = function(rpcImpl, requestDelimited, responseDelimited) {
                $protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
            };

            $Object.defineProperty(Metarena.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: Metarena, writable: true, enumerable: false, configurable: true });

            /**
             * Creates new Metarena service using the specified rpc implementation.
             * @function create
             * @memberof metarena.v1.Metarena
             * @static
             * @param {$protobuf.RPCImpl} rpcImpl RPC implementation
             * @param {boolean} [requestDelimited=false] Whether requests are length-delimited
             * @param {boolean} [responseDelimited=false] Whether responses are length-delimited
             * @returns {Metarena} RPC service. Useful where requests and/or responses are streamed.
             */
            Metarena.create = function(rpcImpl, requestDelimited, responseDelimited) {
                return new this(rpcImpl, requestDelimited, responseDelimited);
            };

            /**
             * Callback as used by {@link metarena.v1.Metarena#session}.
             * @memberof metarena.v1.Metarena
             * @typedef SessionCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {metarena.v1.Response} [response] Response
             */

            /**
             * Calls Session.
             * @memberof metarena.v1.Metarena
             * @typedef Session
             * @type {{
             *   (request: metarena.v1.IRequest, callback: metarena.v1.Metarena.SessionCallback): void;
             *   (request: metarena.v1.IRequest): Promise<metarena.v1.Response>;
             *   readonly name: "Session";
             *   readonly path: "/metarena.v1.Metarena/Session";
             *   readonly requestType: "Request";
             *   readonly responseType: "Response";
             *   readonly requestStream: true;
             *   readonly responseStream: true;
             * }}
             */

            /**
             * Calls Session.
             * @name metarena.v1.Metarena#session
             * @type {metarena.v1.Metarena.Session}
             */
            $Object.defineProperties(Metarena.prototype.session = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Metarena.prototype.session, $root.metarena.v1.Request, $root.metarena.v1.Response, request, callback);
            }, {
                name: { value: "Session" },
                path: { value: "/metarena.v1.Metarena/Session" },
                requestType: { value: "Request" },
                responseType: { value: "Response" },
                requestStream: { value: true },
                responseStream: { value: true }
            });

            /**
             * Callback as used by {@link metarena.v1.Metarena#listEnvs}.
             * @memberof metarena.v1.Metarena
             * @typedef ListEnvsCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {metarena.v1.ListEnvsResponse} [response] ListEnvsResponse
             */

            /**
             * Calls ListEnvs.
             * @memberof metarena.v1.Metarena
             * @typedef ListEnvs
             * @type {{
             *   (request: metarena.v1.IListEnvsRequest, callback: metarena.v1.Metarena.ListEnvsCallback): void;
             *   (request: metarena.v1.IListEnvsRequest): Promise<metarena.v1.ListEnvsResponse>;
             *   readonly name: "ListEnvs";
             *   readonly path: "/metarena.v1.Metarena/ListEnvs";
             *   readonly requestType: "ListEnvsRequest";
             *   readonly responseType: "ListEnvsResponse";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls ListEnvs.
             * @name metarena.v1.Metarena#listEnvs
             * @type {metarena.v1.Metarena.ListEnvs}
             */
            $Object.defineProperties(Metarena.prototype.listEnvs = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Metarena.prototype.listEnvs, $root.metarena.v1.ListEnvsRequest, $root.metarena.v1.ListEnvsResponse, request, callback);
            }, {
                name: { value: "ListEnvs" },
                path: { value: "/metarena.v1.Metarena/ListEnvs" },
                requestType: { value: "ListEnvsRequest" },
                responseType: { value: "ListEnvsResponse" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link metarena.v1.Metarena#describeEnv}.
             * @memberof metarena.v1.Metarena
             * @typedef DescribeEnvCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {metarena.v1.EnvSpec} [response] EnvSpec
             */

            /**
             * Calls DescribeEnv.
             * @memberof metarena.v1.Metarena
             * @typedef DescribeEnv
             * @type {{
             *   (request: metarena.v1.IDescribeEnvRequest, callback: metarena.v1.Metarena.DescribeEnvCallback): void;
             *   (request: metarena.v1.IDescribeEnvRequest): Promise<metarena.v1.EnvSpec>;
             *   readonly name: "DescribeEnv";
             *   readonly path: "/metarena.v1.Metarena/DescribeEnv";
             *   readonly requestType: "DescribeEnvRequest";
             *   readonly responseType: "EnvSpec";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls DescribeEnv.
             * @name metarena.v1.Metarena#describeEnv
             * @type {metarena.v1.Metarena.DescribeEnv}
             */
            $Object.defineProperties(Metarena.prototype.describeEnv = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Metarena.prototype.describeEnv, $root.metarena.v1.DescribeEnvRequest, $root.metarena.v1.EnvSpec, request, callback);
            }, {
                name: { value: "DescribeEnv" },
                path: { value: "/metarena.v1.Metarena/DescribeEnv" },
                requestType: { value: "DescribeEnvRequest" },
                responseType: { value: "EnvSpec" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            /**
             * Callback as used by {@link metarena.v1.Metarena#getStats}.
             * @memberof metarena.v1.Metarena
             * @typedef GetStatsCallback
             * @type {function}
             * @param {Error|null} error Error, if any
             * @param {metarena.v1.Stats} [response] Stats
             */

            /**
             * Calls GetStats.
             * @memberof metarena.v1.Metarena
             * @typedef GetStats
             * @type {{
             *   (request: metarena.v1.IStatsRequest, callback: metarena.v1.Metarena.GetStatsCallback): void;
             *   (request: metarena.v1.IStatsRequest): Promise<metarena.v1.Stats>;
             *   readonly name: "GetStats";
             *   readonly path: "/metarena.v1.Metarena/GetStats";
             *   readonly requestType: "StatsRequest";
             *   readonly responseType: "Stats";
             *   readonly requestStream: undefined;
             *   readonly responseStream: undefined;
             * }}
             */

            /**
             * Calls GetStats.
             * @name metarena.v1.Metarena#getStats
             * @type {metarena.v1.Metarena.GetStats}
             */
            $Object.defineProperties(Metarena.prototype.getStats = function(request, callback) {
                return $protobuf.rpc.Service.prototype.rpcCall.call(this, Metarena.prototype.getStats, $root.metarena.v1.StatsRequest, $root.metarena.v1.Stats, request, callback);
            }, {
                name: { value: "GetStats" },
                path: { value: "/metarena.v1.Metarena/GetStats" },
                requestType: { value: "StatsRequest" },
                responseType: { value: "Stats" },
                requestStream: { value: $undefined },
                responseStream: { value: $undefined }
            });

            return Metarena;
        })();

        v1.Request = (function() {

            /**
             * Properties of a Request.
             * @typedef {Object} metarena.v1.Request.$Properties
             * @property {number|null} [id] Request id
             * @property {metarena.v1.MakeRequest.$Properties|null} [make] Request make
             * @property {metarena.v1.ResetRequest.$Properties|null} [reset] Request reset
             * @property {metarena.v1.StepRequest.$Properties|null} [step] Request step
             * @property {metarena.v1.CloseRequest.$Properties|null} [close] Request close
             * @property {metarena.v1.DescribeRequest.$Properties|null} [describe] Request describe
             * @property {"make"|"reset"|"step"|"close"|"describe"} [payload] Request payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Request.
             * @memberof metarena.v1
             * @interface IRequest
             * @augments metarena.v1.Request.$Properties
             * @deprecated Use metarena.v1.Request.$Properties instead.
             */

            /**
             * Narrowed shape of a Request.
             * @typedef {{
             *   id?: number|null;
             *   make?: metarena.v1.MakeRequest.$Shape|null;
             *   reset?: metarena.v1.ResetRequest.$Shape|null;
             *   step?: metarena.v1.StepRequest.$Shape|null;
             *   close?: metarena.v1.CloseRequest.$Shape|null;
             *   describe?: metarena.v1.DescribeRequest.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; make?: null; reset?: null; step?: null; close?: null; describe?: null }|{ payload?: "make"; make: metarena.v1.MakeRequest.$Shape; reset?: null; step?: null; close?: null; describe?: null }|{ payload?: "reset"; make?: null; reset: metarena.v1.ResetRequest.$Shape; step?: null; close?: null; describe?: null }|{ payload?: "step"; make?: null; reset?: null; step: metarena.v1.StepRequest.$Shape; close?: null; describe?: null }|{ payload?: "close"; make?: null; reset?: null; step?: null; close: metarena.v1.CloseRequest.$Shape; describe?: null }|{ payload?: "describe"; make?: null; reset?: null; step?: null; close?: null; describe: metarena.v1.DescribeRequest.$Shape })
             * )} metarena.v1.Request.$Shape
             */

            /**
             * Constructs a new Request.
             * @memberof metarena.v1
             * @classdesc Represents a Request.
             * @constructor
             * @param {metarena.v1.Request.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Request = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Request id.
             * @member {number} id
             * @memberof metarena.v1.Request
             * @instance
             */
            Request.prototype.id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Request make.
             * @member {metarena.v1.MakeRequest.$Properties|null|undefined} make
             * @memberof metarena.v1.Request
             * @instance
             */
            Request.prototype.make = null;

            /**
             * Request reset.
             * @member {metarena.v1.ResetRequest.$Properties|null|undefined} reset
             * @memberof metarena.v1.Request
             * @instance
             */
            Request.prototype.reset = null;

            /**
             * Request step.
             * @member {metarena.v1.StepRequest.$Properties|null|undefined} step
             * @memberof metarena.v1.Request
             * @instance
             */
            Request.prototype.step = null;

            /**
             * Request close.
             * @member {metarena.v1.CloseRequest.$Properties|null|undefined} close
             * @memberof metarena.v1.Request
             * @instance
             */
            Request.prototype.close = null;

            /**
             * Request describe.
             * @member {metarena.v1.DescribeRequest.$Properties|null|undefined} describe
             * @memberof metarena.v1.Request
             * @instance
             */
            Request.prototype.describe = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Request payload.
             * @member {"make"|"reset"|"step"|"close"|"describe"|undefined} payload
             * @memberof metarena.v1.Request
             * @instance
             */
            $Object.defineProperty(Request.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["make", "reset", "step", "close", "describe"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Request instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Request
             * @static
             * @param {metarena.v1.Request.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Request} Request instance
             * @type {{
             *   (properties: metarena.v1.Request.$Shape): metarena.v1.Request & metarena.v1.Request.$Shape;
             *   (properties?: metarena.v1.Request.$Properties): metarena.v1.Request;
             * }}
             */
            Request.create = function(properties) {
                return new Request(properties);
            };

            /**
             * Encodes the specified Request message. Does not implicitly {@link metarena.v1.Request.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Request
             * @static
             * @param {metarena.v1.Request.$Properties} m Request message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Request.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && (typeof m.id === "object" ? m.id.low || m.id.high : m.id !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.id);
                if (m.make != null && $Object.hasOwnProperty.call(m, "make"))
                    $root.metarena.v1.MakeRequest.encode(m.make, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.reset != null && $Object.hasOwnProperty.call(m, "reset"))
                    $root.metarena.v1.ResetRequest.encode(m.reset, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.step != null && $Object.hasOwnProperty.call(m, "step"))
                    $root.metarena.v1.StepRequest.encode(m.step, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.close != null && $Object.hasOwnProperty.call(m, "close"))
                    $root.metarena.v1.CloseRequest.encode(m.close, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.describe != null && $Object.hasOwnProperty.call(m, "describe"))
                    $root.metarena.v1.DescribeRequest.encode(m.describe, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Request message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Request
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Request & metarena.v1.Request.$Shape} Request
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Request.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Request();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.make = $root.metarena.v1.MakeRequest.decode(r, r.size(), $undefined, q + 1, m.make);
                            m.payload = "make";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.reset = $root.metarena.v1.ResetRequest.decode(r, r.size(), $undefined, q + 1, m.reset);
                            m.payload = "reset";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.step = $root.metarena.v1.StepRequest.decode(r, r.size(), $undefined, q + 1, m.step);
                            m.payload = "step";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.close = $root.metarena.v1.CloseRequest.decode(r, r.size(), $undefined, q + 1, m.close);
                            m.payload = "close";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.describe = $root.metarena.v1.DescribeRequest.decode(r, r.size(), $undefined, q + 1, m.describe);
                            m.payload = "describe";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Request
             * @function getTypeUrl
             * @memberof metarena.v1.Request
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Request.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Request";
            };

            return Request;
        })();

        v1.Response = (function() {

            /**
             * Properties of a Response.
             * @typedef {Object} metarena.v1.Response.$Properties
             * @property {number|null} [id] Response id
             * @property {metarena.v1.MakeResponse.$Properties|null} [make] Response make
             * @property {metarena.v1.ResetResponse.$Properties|null} [reset] Response reset
             * @property {metarena.v1.StepResponse.$Properties|null} [step] Response step
             * @property {metarena.v1.CloseResponse.$Properties|null} [close] Response close
             * @property {metarena.v1.DescribeResponse.$Properties|null} [describe] Response describe
             * @property {metarena.v1.Error.$Properties|null} [error] Response error
             * @property {"make"|"reset"|"step"|"close"|"describe"|"error"} [payload] Response payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Response.
             * @memberof metarena.v1
             * @interface IResponse
             * @augments metarena.v1.Response.$Properties
             * @deprecated Use metarena.v1.Response.$Properties instead.
             */

            /**
             * Narrowed shape of a Response.
             * @typedef {{
             *   id?: number|null;
             *   make?: metarena.v1.MakeResponse.$Shape|null;
             *   reset?: metarena.v1.ResetResponse.$Shape|null;
             *   step?: metarena.v1.StepResponse.$Shape|null;
             *   close?: metarena.v1.CloseResponse.$Shape|null;
             *   describe?: metarena.v1.DescribeResponse.$Shape|null;
             *   error?: metarena.v1.Error.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; make?: null; reset?: null; step?: null; close?: null; describe?: null; error?: null }|{ payload?: "make"; make: metarena.v1.MakeResponse.$Shape; reset?: null; step?: null; close?: null; describe?: null; error?: null }|{ payload?: "reset"; make?: null; reset: metarena.v1.ResetResponse.$Shape; step?: null; close?: null; describe?: null; error?: null }|{ payload?: "step"; make?: null; reset?: null; step: metarena.v1.StepResponse.$Shape; close?: null; describe?: null; error?: null }|{ payload?: "close"; make?: null; reset?: null; step?: null; close: metarena.v1.CloseResponse.$Shape; describe?: null; error?: null }|{ payload?: "describe"; make?: null; reset?: null; step?: null; close?: null; describe: metarena.v1.DescribeResponse.$Shape; error?: null }|{ payload?: "error"; make?: null; reset?: null; step?: null; close?: null; describe?: null; error: metarena.v1.Error.$Shape })
             * )} metarena.v1.Response.$Shape
             */

            /**
             * Constructs a new Response.
             * @memberof metarena.v1
             * @classdesc Represents a Response.
             * @constructor
             * @param {metarena.v1.Response.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Response = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Response id.
             * @member {number} id
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Response make.
             * @member {metarena.v1.MakeResponse.$Properties|null|undefined} make
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.make = null;

            /**
             * Response reset.
             * @member {metarena.v1.ResetResponse.$Properties|null|undefined} reset
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.reset = null;

            /**
             * Response step.
             * @member {metarena.v1.StepResponse.$Properties|null|undefined} step
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.step = null;

            /**
             * Response close.
             * @member {metarena.v1.CloseResponse.$Properties|null|undefined} close
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.close = null;

            /**
             * Response describe.
             * @member {metarena.v1.DescribeResponse.$Properties|null|undefined} describe
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.describe = null;

            /**
             * Response error.
             * @member {metarena.v1.Error.$Properties|null|undefined} error
             * @memberof metarena.v1.Response
             * @instance
             */
            Response.prototype.error = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Response payload.
             * @member {"make"|"reset"|"step"|"close"|"describe"|"error"|undefined} payload
             * @memberof metarena.v1.Response
             * @instance
             */
            $Object.defineProperty(Response.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["make", "reset", "step", "close", "describe", "error"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Response instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Response
             * @static
             * @param {metarena.v1.Response.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Response} Response instance
             * @type {{
             *   (properties: metarena.v1.Response.$Shape): metarena.v1.Response & metarena.v1.Response.$Shape;
             *   (properties?: metarena.v1.Response.$Properties): metarena.v1.Response;
             * }}
             */
            Response.create = function(properties) {
                return new Response(properties);
            };

            /**
             * Encodes the specified Response message. Does not implicitly {@link metarena.v1.Response.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Response
             * @static
             * @param {metarena.v1.Response.$Properties} m Response message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Response.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && (typeof m.id === "object" ? m.id.low || m.id.high : m.id !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.id);
                if (m.make != null && $Object.hasOwnProperty.call(m, "make"))
                    $root.metarena.v1.MakeResponse.encode(m.make, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.reset != null && $Object.hasOwnProperty.call(m, "reset"))
                    $root.metarena.v1.ResetResponse.encode(m.reset, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.step != null && $Object.hasOwnProperty.call(m, "step"))
                    $root.metarena.v1.StepResponse.encode(m.step, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.close != null && $Object.hasOwnProperty.call(m, "close"))
                    $root.metarena.v1.CloseResponse.encode(m.close, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.describe != null && $Object.hasOwnProperty.call(m, "describe"))
                    $root.metarena.v1.DescribeResponse.encode(m.describe, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                    $root.metarena.v1.Error.encode(m.error, w.uint32(/* id 15, wireType 2 =*/122).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Response message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Response
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Response & metarena.v1.Response.$Shape} Response
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Response.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Response();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.make = $root.metarena.v1.MakeResponse.decode(r, r.size(), $undefined, q + 1, m.make);
                            m.payload = "make";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.reset = $root.metarena.v1.ResetResponse.decode(r, r.size(), $undefined, q + 1, m.reset);
                            m.payload = "reset";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.step = $root.metarena.v1.StepResponse.decode(r, r.size(), $undefined, q + 1, m.step);
                            m.payload = "step";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.close = $root.metarena.v1.CloseResponse.decode(r, r.size(), $undefined, q + 1, m.close);
                            m.payload = "close";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.describe = $root.metarena.v1.DescribeResponse.decode(r, r.size(), $undefined, q + 1, m.describe);
                            m.payload = "describe";
                            continue;
                        }
                    case 15: {
                            if (u !== 2)
                                break;
                            m.error = $root.metarena.v1.Error.decode(r, r.size(), $undefined, q + 1, m.error);
                            m.payload = "error";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Response
             * @function getTypeUrl
             * @memberof metarena.v1.Response
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Response.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Response";
            };

            return Response;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} metarena.v1.Error.$Properties
             * @property {metarena.v1.Status|null} [status] Error status
             * @property {string|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {string|null} [field] Error field
             * @property {string|null} [allowed] Error allowed
             * @property {string|null} [plugin] Error plugin
             * @property {string|null} [hook] Error hook
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof metarena.v1
             * @interface IError
             * @augments metarena.v1.Error.$Properties
             * @deprecated Use metarena.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {metarena.v1.Error.$Properties} metarena.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof metarena.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {metarena.v1.Error.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Error status.
             * @member {metarena.v1.Status} status
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.status = 0;

            /**
             * Error code.
             * @member {string} code
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.code = "";

            /**
             * Error message.
             * @member {string} message
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error field.
             * @member {string} field
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.field = "";

            /**
             * Error allowed.
             * @member {string} allowed
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.allowed = "";

            /**
             * Error plugin.
             * @member {string} plugin
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.plugin = "";

            /**
             * Error hook.
             * @member {string} hook
             * @memberof metarena.v1.Error
             * @instance
             */
            Error.prototype.hook = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Error
             * @static
             * @param {metarena.v1.Error.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Error} Error instance
             * @type {{
             *   (properties: metarena.v1.Error.$Shape): metarena.v1.Error & metarena.v1.Error.$Shape;
             *   (properties?: metarena.v1.Error.$Properties): metarena.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link metarena.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Error
             * @static
             * @param {metarena.v1.Error.$Properties} m Error message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.status != null && $Object.hasOwnProperty.call(m, "status") && m.status !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.status);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.code);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.message);
                if (m.field != null && $Object.hasOwnProperty.call(m, "field") && m.field !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.field);
                if (m.allowed != null && $Object.hasOwnProperty.call(m, "allowed") && m.allowed !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.allowed);
                if (m.plugin != null && $Object.hasOwnProperty.call(m, "plugin") && m.plugin !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.plugin);
                if (m.hook != null && $Object.hasOwnProperty.call(m, "hook") && m.hook !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.hook);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Error & metarena.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Error();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.status = v;
                            else
                                delete m.status;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.field = v;
                            else
                                delete m.field;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.allowed = v;
                            else
                                delete m.allowed;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.plugin = v;
                            else
                                delete m.plugin;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.hook = v;
                            else
                                delete m.hook;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof metarena.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Error";
            };

            return Error;
        })();

        /**
         * Status enum.
         * @name metarena.v1.Status
         * @enum {number}
         * @property {number} STATUS_UNSPECIFIED=0 STATUS_UNSPECIFIED value
         * @property {number} STATUS_CANCELLED=1 STATUS_CANCELLED value
         * @property {number} STATUS_INVALID_ARGUMENT=3 STATUS_INVALID_ARGUMENT value
         * @property {number} STATUS_DEADLINE_EXCEEDED=4 STATUS_DEADLINE_EXCEEDED value
         * @property {number} STATUS_NOT_FOUND=5 STATUS_NOT_FOUND value
         * @property {number} STATUS_ALREADY_EXISTS=6 STATUS_ALREADY_EXISTS value
         * @property {number} STATUS_PERMISSION_DENIED=7 STATUS_PERMISSION_DENIED value
         * @property {number} STATUS_RESOURCE_EXHAUSTED=8 STATUS_RESOURCE_EXHAUSTED value
         * @property {number} STATUS_FAILED_PRECONDITION=9 STATUS_FAILED_PRECONDITION value
         * @property {number} STATUS_UNIMPLEMENTED=12 STATUS_UNIMPLEMENTED value
         * @property {number} STATUS_INTERNAL=13 STATUS_INTERNAL value
         * @property {number} STATUS_UNAVAILABLE=14 STATUS_UNAVAILABLE value
         * @property {number} STATUS_UNAUTHENTICATED=16 STATUS_UNAUTHENTICATED value
         */
        v1.Status = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "STATUS_CANCELLED"] = 1;
            values[valuesById[3] = "STATUS_INVALID_ARGUMENT"] = 3;
            values[valuesById[4] = "STATUS_DEADLINE_EXCEEDED"] = 4;
            values[valuesById[5] = "STATUS_NOT_FOUND"] = 5;
            values[valuesById[6] = "STATUS_ALREADY_EXISTS"] = 6;
            values[valuesById[7] = "STATUS_PERMISSION_DENIED"] = 7;
            values[valuesById[8] = "STATUS_RESOURCE_EXHAUSTED"] = 8;
            values[valuesById[9] = "STATUS_FAILED_PRECONDITION"] = 9;
            values[valuesById[12] = "STATUS_UNIMPLEMENTED"] = 12;
            values[valuesById[13] = "STATUS_INTERNAL"] = 13;
            values[valuesById[14] = "STATUS_UNAVAILABLE"] = 14;
            values[valuesById[16] = "STATUS_UNAUTHENTICATED"] = 16;
            return values;
        })();

        /**
         * DType enum.
         * @name metarena.v1.DType
         * @enum {number}
         * @property {number} DTYPE_UNSPECIFIED=0 DTYPE_UNSPECIFIED value
         * @property {number} DTYPE_FLOAT32=1 DTYPE_FLOAT32 value
         * @property {number} DTYPE_FLOAT64=2 DTYPE_FLOAT64 value
         * @property {number} DTYPE_INT32=3 DTYPE_INT32 value
         * @property {number} DTYPE_INT8=4 DTYPE_INT8 value
         * @property {number} DTYPE_UINT8=5 DTYPE_UINT8 value
         * @property {number} DTYPE_BOOL=6 DTYPE_BOOL value
         * @property {number} DTYPE_INT64=7 DTYPE_INT64 value
         */
        v1.DType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DTYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DTYPE_FLOAT32"] = 1;
            values[valuesById[2] = "DTYPE_FLOAT64"] = 2;
            values[valuesById[3] = "DTYPE_INT32"] = 3;
            values[valuesById[4] = "DTYPE_INT8"] = 4;
            values[valuesById[5] = "DTYPE_UINT8"] = 5;
            values[valuesById[6] = "DTYPE_BOOL"] = 6;
            values[valuesById[7] = "DTYPE_INT64"] = 7;
            return values;
        })();

        v1.Tensor = (function() {

            /**
             * Properties of a Tensor.
             * @typedef {Object} metarena.v1.Tensor.$Properties
             * @property {metarena.v1.DType|null} [dtype] Tensor dtype
             * @property {Array.<number>|null} [shape] Tensor shape
             * @property {Uint8Array|null} [data] Tensor data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Tensor.
             * @memberof metarena.v1
             * @interface ITensor
             * @augments metarena.v1.Tensor.$Properties
             * @deprecated Use metarena.v1.Tensor.$Properties instead.
             */

            /**
             * Shape of a Tensor.
             * @typedef {metarena.v1.Tensor.$Properties} metarena.v1.Tensor.$Shape
             */

            /**
             * Constructs a new Tensor.
             * @memberof metarena.v1
             * @classdesc Represents a Tensor.
             * @constructor
             * @param {metarena.v1.Tensor.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Tensor = function (p) {
                this.shape = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Tensor dtype.
             * @member {metarena.v1.DType} dtype
             * @memberof metarena.v1.Tensor
             * @instance
             */
            Tensor.prototype.dtype = 0;

            /**
             * Tensor shape.
             * @member {Array.<number>} shape
             * @memberof metarena.v1.Tensor
             * @instance
             */
            Tensor.prototype.shape = $util.emptyArray;

            /**
             * Tensor data.
             * @member {Uint8Array} data
             * @memberof metarena.v1.Tensor
             * @instance
             */
            Tensor.prototype.data = $util.newBuffer([]);

            /**
             * Creates a new Tensor instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Tensor
             * @static
             * @param {metarena.v1.Tensor.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Tensor} Tensor instance
             * @type {{
             *   (properties: metarena.v1.Tensor.$Shape): metarena.v1.Tensor & metarena.v1.Tensor.$Shape;
             *   (properties?: metarena.v1.Tensor.$Properties): metarena.v1.Tensor;
             * }}
             */
            Tensor.create = function(properties) {
                return new Tensor(properties);
            };

            /**
             * Encodes the specified Tensor message. Does not implicitly {@link metarena.v1.Tensor.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Tensor
             * @static
             * @param {metarena.v1.Tensor.$Properties} m Tensor message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Tensor.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.dtype != null && $Object.hasOwnProperty.call(m, "dtype") && m.dtype !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.dtype);
                if (m.shape != null && m.shape.length) {
                    w.uint32(/* id 2, wireType 2 =*/18).int64s(m.shape);
                }
                if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                    w.uint32(/* id 3, wireType 2 =*/26).bytes(m.data);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Tensor message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Tensor
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Tensor & metarena.v1.Tensor.$Shape} Tensor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Tensor.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Tensor();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.dtype = v;
                            else
                                delete m.dtype;
                            continue;
                        }
                    case 2: {
                            if (u === 2) {
                                if (!(m.shape && m.shape.length))
                                    m.shape = [];
                                $nums(r, "int64s", m.shape);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.shape && m.shape.length))
                                m.shape = [];
                            m.shape.push($num(r.int64()));
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.data = v;
                            else
                                delete m.data;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Tensor
             * @function getTypeUrl
             * @memberof metarena.v1.Tensor
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Tensor.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Tensor";
            };

            return Tensor;
        })();

        v1.Value = (function() {

            /**
             * Properties of a Value.
             * @typedef {Object} metarena.v1.Value.$Properties
             * @property {metarena.v1.Tensor.$Properties|null} [tensor] Value tensor
             * @property {metarena.v1.DictValue.$Properties|null} [dict] Value dict
             * @property {metarena.v1.TupleValue.$Properties|null} [tuple] Value tuple
             * @property {"tensor"|"dict"|"tuple"} [kind] Value kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Value.
             * @memberof metarena.v1
             * @interface IValue
             * @augments metarena.v1.Value.$Properties
             * @deprecated Use metarena.v1.Value.$Properties instead.
             */

            /**
             * Narrowed shape of a Value.
             * @typedef {{
             *   tensor?: metarena.v1.Tensor.$Shape|null;
             *   dict?: metarena.v1.DictValue.$Shape|null;
             *   tuple?: metarena.v1.TupleValue.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; tensor?: null; dict?: null; tuple?: null }|{ kind?: "tensor"; tensor: metarena.v1.Tensor.$Shape; dict?: null; tuple?: null }|{ kind?: "dict"; tensor?: null; dict: metarena.v1.DictValue.$Shape; tuple?: null }|{ kind?: "tuple"; tensor?: null; dict?: null; tuple: metarena.v1.TupleValue.$Shape })
             * )} metarena.v1.Value.$Shape
             */

            /**
             * Constructs a new Value.
             * @memberof metarena.v1
             * @classdesc Represents a Value.
             * @constructor
             * @param {metarena.v1.Value.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Value = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Value tensor.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} tensor
             * @memberof metarena.v1.Value
             * @instance
             */
            Value.prototype.tensor = null;

            /**
             * Value dict.
             * @member {metarena.v1.DictValue.$Properties|null|undefined} dict
             * @memberof metarena.v1.Value
             * @instance
             */
            Value.prototype.dict = null;

            /**
             * Value tuple.
             * @member {metarena.v1.TupleValue.$Properties|null|undefined} tuple
             * @memberof metarena.v1.Value
             * @instance
             */
            Value.prototype.tuple = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Value kind.
             * @member {"tensor"|"dict"|"tuple"|undefined} kind
             * @memberof metarena.v1.Value
             * @instance
             */
            $Object.defineProperty(Value.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["tensor", "dict", "tuple"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Value instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Value
             * @static
             * @param {metarena.v1.Value.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Value} Value instance
             * @type {{
             *   (properties: metarena.v1.Value.$Shape): metarena.v1.Value & metarena.v1.Value.$Shape;
             *   (properties?: metarena.v1.Value.$Properties): metarena.v1.Value;
             * }}
             */
            Value.create = function(properties) {
                return new Value(properties);
            };

            /**
             * Encodes the specified Value message. Does not implicitly {@link metarena.v1.Value.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Value
             * @static
             * @param {metarena.v1.Value.$Properties} m Value message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Value.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.tensor != null && $Object.hasOwnProperty.call(m, "tensor"))
                    $root.metarena.v1.Tensor.encode(m.tensor, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.dict != null && $Object.hasOwnProperty.call(m, "dict"))
                    $root.metarena.v1.DictValue.encode(m.dict, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.tuple != null && $Object.hasOwnProperty.call(m, "tuple"))
                    $root.metarena.v1.TupleValue.encode(m.tuple, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Value message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Value
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Value & metarena.v1.Value.$Shape} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Value.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Value();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.tensor = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.tensor);
                            m.kind = "tensor";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.dict = $root.metarena.v1.DictValue.decode(r, r.size(), $undefined, q + 1, m.dict);
                            m.kind = "dict";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.tuple = $root.metarena.v1.TupleValue.decode(r, r.size(), $undefined, q + 1, m.tuple);
                            m.kind = "tuple";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Value
             * @function getTypeUrl
             * @memberof metarena.v1.Value
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Value.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Value";
            };

            return Value;
        })();

        v1.DictValue = (function() {

            /**
             * Properties of a DictValue.
             * @typedef {Object} metarena.v1.DictValue.$Properties
             * @property {Array.<metarena.v1.DictValueEntry.$Properties>|null} [entries] DictValue entries
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DictValue.
             * @memberof metarena.v1
             * @interface IDictValue
             * @augments metarena.v1.DictValue.$Properties
             * @deprecated Use metarena.v1.DictValue.$Properties instead.
             */

            /**
             * Shape of a DictValue.
             * @typedef {{
             *   entries?: Array.<metarena.v1.DictValueEntry.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.DictValue.$Shape
             */

            /**
             * Constructs a new DictValue.
             * @memberof metarena.v1
             * @classdesc Represents a DictValue.
             * @constructor
             * @param {metarena.v1.DictValue.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DictValue = function (p) {
                this.entries = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DictValue entries.
             * @member {Array.<metarena.v1.DictValueEntry.$Properties>} entries
             * @memberof metarena.v1.DictValue
             * @instance
             */
            DictValue.prototype.entries = $util.emptyArray;

            /**
             * Creates a new DictValue instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DictValue
             * @static
             * @param {metarena.v1.DictValue.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DictValue} DictValue instance
             * @type {{
             *   (properties: metarena.v1.DictValue.$Shape): metarena.v1.DictValue & metarena.v1.DictValue.$Shape;
             *   (properties?: metarena.v1.DictValue.$Properties): metarena.v1.DictValue;
             * }}
             */
            DictValue.create = function(properties) {
                return new DictValue(properties);
            };

            /**
             * Encodes the specified DictValue message. Does not implicitly {@link metarena.v1.DictValue.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DictValue
             * @static
             * @param {metarena.v1.DictValue.$Properties} m DictValue message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DictValue.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.entries != null && m.entries.length) {
                    for (var i = 0; i < m.entries.length; ++i)
                        $root.metarena.v1.DictValueEntry.encode(m.entries[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DictValue message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DictValue
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DictValue & metarena.v1.DictValue.$Shape} DictValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DictValue.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DictValue();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.entries && m.entries.length))
                                m.entries = [];
                            m.entries.push($root.metarena.v1.DictValueEntry.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DictValue
             * @function getTypeUrl
             * @memberof metarena.v1.DictValue
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DictValue.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DictValue";
            };

            return DictValue;
        })();

        v1.DictValueEntry = (function() {

            /**
             * Properties of a DictValueEntry.
             * @typedef {Object} metarena.v1.DictValueEntry.$Properties
             * @property {string|null} [key] DictValueEntry key
             * @property {metarena.v1.Value.$Properties|null} [value] DictValueEntry value
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DictValueEntry.
             * @memberof metarena.v1
             * @interface IDictValueEntry
             * @augments metarena.v1.DictValueEntry.$Properties
             * @deprecated Use metarena.v1.DictValueEntry.$Properties instead.
             */

            /**
             * Shape of a DictValueEntry.
             * @typedef {{
             *   key?: string|null;
             *   value?: metarena.v1.Value.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.DictValueEntry.$Shape
             */

            /**
             * Constructs a new DictValueEntry.
             * @memberof metarena.v1
             * @classdesc Represents a DictValueEntry.
             * @constructor
             * @param {metarena.v1.DictValueEntry.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DictValueEntry = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DictValueEntry key.
             * @member {string} key
             * @memberof metarena.v1.DictValueEntry
             * @instance
             */
            DictValueEntry.prototype.key = "";

            /**
             * DictValueEntry value.
             * @member {metarena.v1.Value.$Properties|null|undefined} value
             * @memberof metarena.v1.DictValueEntry
             * @instance
             */
            DictValueEntry.prototype.value = null;

            /**
             * Creates a new DictValueEntry instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DictValueEntry
             * @static
             * @param {metarena.v1.DictValueEntry.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DictValueEntry} DictValueEntry instance
             * @type {{
             *   (properties: metarena.v1.DictValueEntry.$Shape): metarena.v1.DictValueEntry & metarena.v1.DictValueEntry.$Shape;
             *   (properties?: metarena.v1.DictValueEntry.$Properties): metarena.v1.DictValueEntry;
             * }}
             */
            DictValueEntry.create = function(properties) {
                return new DictValueEntry(properties);
            };

            /**
             * Encodes the specified DictValueEntry message. Does not implicitly {@link metarena.v1.DictValueEntry.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DictValueEntry
             * @static
             * @param {metarena.v1.DictValueEntry.$Properties} m DictValueEntry message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DictValueEntry.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.key != null && $Object.hasOwnProperty.call(m, "key") && m.key !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.key);
                if (m.value != null && $Object.hasOwnProperty.call(m, "value"))
                    $root.metarena.v1.Value.encode(m.value, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DictValueEntry message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DictValueEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DictValueEntry & metarena.v1.DictValueEntry.$Shape} DictValueEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DictValueEntry.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DictValueEntry();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.key = v;
                            else
                                delete m.key;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.value = $root.metarena.v1.Value.decode(r, r.size(), $undefined, q + 1, m.value);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DictValueEntry
             * @function getTypeUrl
             * @memberof metarena.v1.DictValueEntry
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DictValueEntry.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DictValueEntry";
            };

            return DictValueEntry;
        })();

        v1.TupleValue = (function() {

            /**
             * Properties of a TupleValue.
             * @typedef {Object} metarena.v1.TupleValue.$Properties
             * @property {Array.<metarena.v1.Value.$Properties>|null} [items] TupleValue items
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TupleValue.
             * @memberof metarena.v1
             * @interface ITupleValue
             * @augments metarena.v1.TupleValue.$Properties
             * @deprecated Use metarena.v1.TupleValue.$Properties instead.
             */

            /**
             * Shape of a TupleValue.
             * @typedef {{
             *   items?: Array.<metarena.v1.Value.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.TupleValue.$Shape
             */

            /**
             * Constructs a new TupleValue.
             * @memberof metarena.v1
             * @classdesc Represents a TupleValue.
             * @constructor
             * @param {metarena.v1.TupleValue.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TupleValue = function (p) {
                this.items = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TupleValue items.
             * @member {Array.<metarena.v1.Value.$Properties>} items
             * @memberof metarena.v1.TupleValue
             * @instance
             */
            TupleValue.prototype.items = $util.emptyArray;

            /**
             * Creates a new TupleValue instance using the specified properties.
             * @function create
             * @memberof metarena.v1.TupleValue
             * @static
             * @param {metarena.v1.TupleValue.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.TupleValue} TupleValue instance
             * @type {{
             *   (properties: metarena.v1.TupleValue.$Shape): metarena.v1.TupleValue & metarena.v1.TupleValue.$Shape;
             *   (properties?: metarena.v1.TupleValue.$Properties): metarena.v1.TupleValue;
             * }}
             */
            TupleValue.create = function(properties) {
                return new TupleValue(properties);
            };

            /**
             * Encodes the specified TupleValue message. Does not implicitly {@link metarena.v1.TupleValue.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.TupleValue
             * @static
             * @param {metarena.v1.TupleValue.$Properties} m TupleValue message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TupleValue.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.items != null && m.items.length) {
                    for (var i = 0; i < m.items.length; ++i)
                        $root.metarena.v1.Value.encode(m.items[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TupleValue message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.TupleValue
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.TupleValue & metarena.v1.TupleValue.$Shape} TupleValue
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TupleValue.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.TupleValue();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.items && m.items.length))
                                m.items = [];
                            m.items.push($root.metarena.v1.Value.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for TupleValue
             * @function getTypeUrl
             * @memberof metarena.v1.TupleValue
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TupleValue.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.TupleValue";
            };

            return TupleValue;
        })();

        v1.Space = (function() {

            /**
             * Properties of a Space.
             * @typedef {Object} metarena.v1.Space.$Properties
             * @property {metarena.v1.BoxSpace.$Properties|null} [box] Space box
             * @property {metarena.v1.DiscreteSpace.$Properties|null} [discrete] Space discrete
             * @property {metarena.v1.MultiDiscreteSpace.$Properties|null} [multi_discrete] Space multi_discrete
             * @property {metarena.v1.MultiBinarySpace.$Properties|null} [multi_binary] Space multi_binary
             * @property {metarena.v1.DictSpace.$Properties|null} [dict] Space dict
             * @property {metarena.v1.TupleSpace.$Properties|null} [tuple] Space tuple
             * @property {"box"|"discrete"|"multi_discrete"|"multi_binary"|"dict"|"tuple"} [kind] Space kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Space.
             * @memberof metarena.v1
             * @interface ISpace
             * @augments metarena.v1.Space.$Properties
             * @deprecated Use metarena.v1.Space.$Properties instead.
             */

            /**
             * Narrowed shape of a Space.
             * @typedef {{
             *   box?: metarena.v1.BoxSpace.$Shape|null;
             *   discrete?: metarena.v1.DiscreteSpace.$Shape|null;
             *   multi_discrete?: metarena.v1.MultiDiscreteSpace.$Shape|null;
             *   multi_binary?: metarena.v1.MultiBinarySpace.$Shape|null;
             *   dict?: metarena.v1.DictSpace.$Shape|null;
             *   tuple?: metarena.v1.TupleSpace.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; box?: null; discrete?: null; multi_discrete?: null; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "box"; box: metarena.v1.BoxSpace.$Shape; discrete?: null; multi_discrete?: null; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "discrete"; box?: null; discrete: metarena.v1.DiscreteSpace.$Shape; multi_discrete?: null; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "multi_discrete"; box?: null; discrete?: null; multi_discrete: metarena.v1.MultiDiscreteSpace.$Shape; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "multi_binary"; box?: null; discrete?: null; multi_discrete?: null; multi_binary: metarena.v1.MultiBinarySpace.$Shape; dict?: null; tuple?: null }|{ kind?: "dict"; box?: null; discrete?: null; multi_discrete?: null; multi_binary?: null; dict: metarena.v1.DictSpace.$Shape; tuple?: null }|{ kind?: "tuple"; box?: null; discrete?: null; multi_discrete?: null; multi_binary?: null; dict?: null; tuple: metarena.v1.TupleSpace.$Shape })
             * )} metarena.v1.Space.$Shape
             */

            /**
             * Constructs a new Space.
             * @memberof metarena.v1
             * @classdesc Represents a Space.
             * @constructor
             * @param {metarena.v1.Space.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Space = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Space box.
             * @member {metarena.v1.BoxSpace.$Properties|null|undefined} box
             * @memberof metarena.v1.Space
             * @instance
             */
            Space.prototype.box = null;

            /**
             * Space discrete.
             * @member {metarena.v1.DiscreteSpace.$Properties|null|undefined} discrete
             * @memberof metarena.v1.Space
             * @instance
             */
            Space.prototype.discrete = null;

            /**
             * Space multi_discrete.
             * @member {metarena.v1.MultiDiscreteSpace.$Properties|null|undefined} multi_discrete
             * @memberof metarena.v1.Space
             * @instance
             */
            Space.prototype.multi_discrete = null;

            /**
             * Space multi_binary.
             * @member {metarena.v1.MultiBinarySpace.$Properties|null|undefined} multi_binary
             * @memberof metarena.v1.Space
             * @instance
             */
            Space.prototype.multi_binary = null;

            /**
             * Space dict.
             * @member {metarena.v1.DictSpace.$Properties|null|undefined} dict
             * @memberof metarena.v1.Space
             * @instance
             */
            Space.prototype.dict = null;

            /**
             * Space tuple.
             * @member {metarena.v1.TupleSpace.$Properties|null|undefined} tuple
             * @memberof metarena.v1.Space
             * @instance
             */
            Space.prototype.tuple = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Space kind.
             * @member {"box"|"discrete"|"multi_discrete"|"multi_binary"|"dict"|"tuple"|undefined} kind
             * @memberof metarena.v1.Space
             * @instance
             */
            $Object.defineProperty(Space.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["box", "discrete", "multi_discrete", "multi_binary", "dict", "tuple"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Space instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Space
             * @static
             * @param {metarena.v1.Space.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Space} Space instance
             * @type {{
             *   (properties: metarena.v1.Space.$Shape): metarena.v1.Space & metarena.v1.Space.$Shape;
             *   (properties?: metarena.v1.Space.$Properties): metarena.v1.Space;
             * }}
             */
            Space.create = function(properties) {
                return new Space(properties);
            };

            /**
             * Encodes the specified Space message. Does not implicitly {@link metarena.v1.Space.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Space
             * @static
             * @param {metarena.v1.Space.$Properties} m Space message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Space.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.box != null && $Object.hasOwnProperty.call(m, "box"))
                    $root.metarena.v1.BoxSpace.encode(m.box, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.discrete != null && $Object.hasOwnProperty.call(m, "discrete"))
                    $root.metarena.v1.DiscreteSpace.encode(m.discrete, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.multi_discrete != null && $Object.hasOwnProperty.call(m, "multi_discrete"))
                    $root.metarena.v1.MultiDiscreteSpace.encode(m.multi_discrete, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.multi_binary != null && $Object.hasOwnProperty.call(m, "multi_binary"))
                    $root.metarena.v1.MultiBinarySpace.encode(m.multi_binary, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.dict != null && $Object.hasOwnProperty.call(m, "dict"))
                    $root.metarena.v1.DictSpace.encode(m.dict, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.tuple != null && $Object.hasOwnProperty.call(m, "tuple"))
                    $root.metarena.v1.TupleSpace.encode(m.tuple, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Space message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Space
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Space & metarena.v1.Space.$Shape} Space
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Space.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Space();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.box = $root.metarena.v1.BoxSpace.decode(r, r.size(), $undefined, q + 1, m.box);
                            m.kind = "box";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.discrete = $root.metarena.v1.DiscreteSpace.decode(r, r.size(), $undefined, q + 1, m.discrete);
                            m.kind = "discrete";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.multi_discrete = $root.metarena.v1.MultiDiscreteSpace.decode(r, r.size(), $undefined, q + 1, m.multi_discrete);
                            m.kind = "multi_discrete";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.multi_binary = $root.metarena.v1.MultiBinarySpace.decode(r, r.size(), $undefined, q + 1, m.multi_binary);
                            m.kind = "multi_binary";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.dict = $root.metarena.v1.DictSpace.decode(r, r.size(), $undefined, q + 1, m.dict);
                            m.kind = "dict";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.tuple = $root.metarena.v1.TupleSpace.decode(r, r.size(), $undefined, q + 1, m.tuple);
                            m.kind = "tuple";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Space
             * @function getTypeUrl
             * @memberof metarena.v1.Space
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Space.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Space";
            };

            return Space;
        })();

        v1.BoxSpace = (function() {

            /**
             * Properties of a BoxSpace.
             * @typedef {Object} metarena.v1.BoxSpace.$Properties
             * @property {Array.<number>|null} [shape] BoxSpace shape
             * @property {metarena.v1.DType|null} [dtype] BoxSpace dtype
             * @property {Array.<number>|null} [low] BoxSpace low
             * @property {Array.<number>|null} [high] BoxSpace high
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BoxSpace.
             * @memberof metarena.v1
             * @interface IBoxSpace
             * @augments metarena.v1.BoxSpace.$Properties
             * @deprecated Use metarena.v1.BoxSpace.$Properties instead.
             */

            /**
             * Shape of a BoxSpace.
             * @typedef {metarena.v1.BoxSpace.$Properties} metarena.v1.BoxSpace.$Shape
             */

            /**
             * Constructs a new BoxSpace.
             * @memberof metarena.v1
             * @classdesc Represents a BoxSpace.
             * @constructor
             * @param {metarena.v1.BoxSpace.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BoxSpace = function (p) {
                this.shape = [];
                this.low = [];
                this.high = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * BoxSpace shape.
             * @member {Array.<number>} shape
             * @memberof metarena.v1.BoxSpace
             * @instance
             */
            BoxSpace.prototype.shape = $util.emptyArray;

            /**
             * BoxSpace dtype.
             * @member {metarena.v1.DType} dtype
             * @memberof metarena.v1.BoxSpace
             * @instance
             */
            BoxSpace.prototype.dtype = 0;

            /**
             * BoxSpace low.
             * @member {Array.<number>} low
             * @memberof metarena.v1.BoxSpace
             * @instance
             */
            BoxSpace.prototype.low = $util.emptyArray;

            /**
             * BoxSpace high.
             * @member {Array.<number>} high
             * @memberof metarena.v1.BoxSpace
             * @instance
             */
            BoxSpace.prototype.high = $util.emptyArray;

            /**
             * Creates a new BoxSpace instance using the specified properties.
             * @function create
             * @memberof metarena.v1.BoxSpace
             * @static
             * @param {metarena.v1.BoxSpace.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.BoxSpace} BoxSpace instance
             * @type {{
             *   (properties: metarena.v1.BoxSpace.$Shape): metarena.v1.BoxSpace & metarena.v1.BoxSpace.$Shape;
             *   (properties?: metarena.v1.BoxSpace.$Properties): metarena.v1.BoxSpace;
             * }}
             */
            BoxSpace.create = function(properties) {
                return new BoxSpace(properties);
            };

            /**
             * Encodes the specified BoxSpace message. Does not implicitly {@link metarena.v1.BoxSpace.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.BoxSpace
             * @static
             * @param {metarena.v1.BoxSpace.$Properties} m BoxSpace message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BoxSpace.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.shape != null && m.shape.length) {
                    w.uint32(/* id 1, wireType 2 =*/10).int64s(m.shape);
                }
                if (m.dtype != null && $Object.hasOwnProperty.call(m, "dtype") && m.dtype !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.dtype);
                if (m.low != null && m.low.length) {
                    w.uint32(/* id 3, wireType 2 =*/26).doubles(m.low);
                }
                if (m.high != null && m.high.length) {
                    w.uint32(/* id 4, wireType 2 =*/34).doubles(m.high);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a BoxSpace message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.BoxSpace
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.BoxSpace & metarena.v1.BoxSpace.$Shape} BoxSpace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BoxSpace.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.BoxSpace();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u === 2) {
                                if (!(m.shape && m.shape.length))
                                    m.shape = [];
                                $nums(r, "int64s", m.shape);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.shape && m.shape.length))
                                m.shape = [];
                            m.shape.push($num(r.int64()));
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.dtype = v;
                            else
                                delete m.dtype;
                            continue;
                        }
                    case 3: {
                            if (u === 2) {
                                if (!(m.low && m.low.length))
                                    m.low = [];
                                r.doubles(m.low);
                                continue;
                            }
                            if (u !== 1)
                                break;
                            if (!(m.low && m.low.length))
                                m.low = [];
                            m.low.push(r.double());
                            continue;
                        }
                    case 4: {
                            if (u === 2) {
                                if (!(m.high && m.high.length))
                                    m.high = [];
                                r.doubles(m.high);
                                continue;
                            }
                            if (u !== 1)
                                break;
                            if (!(m.high && m.high.length))
                                m.high = [];
                            m.high.push(r.double());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for BoxSpace
             * @function getTypeUrl
             * @memberof metarena.v1.BoxSpace
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BoxSpace.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.BoxSpace";
            };

            return BoxSpace;
        })();

        v1.DiscreteSpace = (function() {

            /**
             * Properties of a DiscreteSpace.
             * @typedef {Object} metarena.v1.DiscreteSpace.$Properties
             * @property {number|null} [n] DiscreteSpace n
             * @property {number|null} [start] DiscreteSpace start
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DiscreteSpace.
             * @memberof metarena.v1
             * @interface IDiscreteSpace
             * @augments metarena.v1.DiscreteSpace.$Properties
             * @deprecated Use metarena.v1.DiscreteSpace.$Properties instead.
             */

            /**
             * Shape of a DiscreteSpace.
             * @typedef {metarena.v1.DiscreteSpace.$Properties} metarena.v1.DiscreteSpace.$Shape
             */

            /**
             * Constructs a new DiscreteSpace.
             * @memberof metarena.v1
             * @classdesc Represents a DiscreteSpace.
             * @constructor
             * @param {metarena.v1.DiscreteSpace.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DiscreteSpace = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DiscreteSpace n.
             * @member {number} n
             * @memberof metarena.v1.DiscreteSpace
             * @instance
             */
            DiscreteSpace.prototype.n = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * DiscreteSpace start.
             * @member {number} start
             * @memberof metarena.v1.DiscreteSpace
             * @instance
             */
            DiscreteSpace.prototype.start = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new DiscreteSpace instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DiscreteSpace
             * @static
             * @param {metarena.v1.DiscreteSpace.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DiscreteSpace} DiscreteSpace instance
             * @type {{
             *   (properties: metarena.v1.DiscreteSpace.$Shape): metarena.v1.DiscreteSpace & metarena.v1.DiscreteSpace.$Shape;
             *   (properties?: metarena.v1.DiscreteSpace.$Properties): metarena.v1.DiscreteSpace;
             * }}
             */
            DiscreteSpace.create = function(properties) {
                return new DiscreteSpace(properties);
            };

            /**
             * Encodes the specified DiscreteSpace message. Does not implicitly {@link metarena.v1.DiscreteSpace.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DiscreteSpace
             * @static
             * @param {metarena.v1.DiscreteSpace.$Properties} m DiscreteSpace message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DiscreteSpace.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.n != null && $Object.hasOwnProperty.call(m, "n") && (typeof m.n === "object" ? m.n.low || m.n.high : m.n !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).int64(m.n);
                if (m.start != null && $Object.hasOwnProperty.call(m, "start") && (typeof m.start === "object" ? m.start.low || m.start.high : m.start !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).int64(m.start);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DiscreteSpace message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DiscreteSpace
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DiscreteSpace & metarena.v1.DiscreteSpace.$Shape} DiscreteSpace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DiscreteSpace.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DiscreteSpace();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.int64())) === "object" ? v.low || v.high : v !== 0)
                                m.n = v;
                            else
                                delete m.n;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.int64())) === "object" ? v.low || v.high : v !== 0)
                                m.start = v;
                            else
                                delete m.start;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DiscreteSpace
             * @function getTypeUrl
             * @memberof metarena.v1.DiscreteSpace
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DiscreteSpace.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DiscreteSpace";
            };

            return DiscreteSpace;
        })();

        v1.MultiDiscreteSpace = (function() {

            /**
             * Properties of a MultiDiscreteSpace.
             * @typedef {Object} metarena.v1.MultiDiscreteSpace.$Properties
             * @property {Array.<number>|null} [nvec] MultiDiscreteSpace nvec
             * @property {Array.<number>|null} [start] MultiDiscreteSpace start
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MultiDiscreteSpace.
             * @memberof metarena.v1
             * @interface IMultiDiscreteSpace
             * @augments metarena.v1.MultiDiscreteSpace.$Properties
             * @deprecated Use metarena.v1.MultiDiscreteSpace.$Properties instead.
             */

            /**
             * Shape of a MultiDiscreteSpace.
             * @typedef {metarena.v1.MultiDiscreteSpace.$Properties} metarena.v1.MultiDiscreteSpace.$Shape
             */

            /**
             * Constructs a new MultiDiscreteSpace.
             * @memberof metarena.v1
             * @classdesc Represents a MultiDiscreteSpace.
             * @constructor
             * @param {metarena.v1.MultiDiscreteSpace.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MultiDiscreteSpace = function (p) {
                this.nvec = [];
                this.start = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MultiDiscreteSpace nvec.
             * @member {Array.<number>} nvec
             * @memberof metarena.v1.MultiDiscreteSpace
             * @instance
             */
            MultiDiscreteSpace.prototype.nvec = $util.emptyArray;

            /**
             * MultiDiscreteSpace start.
             * @member {Array.<number>} start
             * @memberof metarena.v1.MultiDiscreteSpace
             * @instance
             */
            MultiDiscreteSpace.prototype.start = $util.emptyArray;

            /**
             * Creates a new MultiDiscreteSpace instance using the specified properties.
             * @function create
             * @memberof metarena.v1.MultiDiscreteSpace
             * @static
             * @param {metarena.v1.MultiDiscreteSpace.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.MultiDiscreteSpace} MultiDiscreteSpace instance
             * @type {{
             *   (properties: metarena.v1.MultiDiscreteSpace.$Shape): metarena.v1.MultiDiscreteSpace & metarena.v1.MultiDiscreteSpace.$Shape;
             *   (properties?: metarena.v1.MultiDiscreteSpace.$Properties): metarena.v1.MultiDiscreteSpace;
             * }}
             */
            MultiDiscreteSpace.create = function(properties) {
                return new MultiDiscreteSpace(properties);
            };

            /**
             * Encodes the specified MultiDiscreteSpace message. Does not implicitly {@link metarena.v1.MultiDiscreteSpace.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.MultiDiscreteSpace
             * @static
             * @param {metarena.v1.MultiDiscreteSpace.$Properties} m MultiDiscreteSpace message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MultiDiscreteSpace.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.nvec != null && m.nvec.length) {
                    w.uint32(/* id 1, wireType 2 =*/10).int64s(m.nvec);
                }
                if (m.start != null && m.start.length) {
                    w.uint32(/* id 2, wireType 2 =*/18).int64s(m.start);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a MultiDiscreteSpace message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.MultiDiscreteSpace
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.MultiDiscreteSpace & metarena.v1.MultiDiscreteSpace.$Shape} MultiDiscreteSpace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MultiDiscreteSpace.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.MultiDiscreteSpace();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u === 2) {
                                if (!(m.nvec && m.nvec.length))
                                    m.nvec = [];
                                $nums(r, "int64s", m.nvec);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.nvec && m.nvec.length))
                                m.nvec = [];
                            m.nvec.push($num(r.int64()));
                            continue;
                        }
                    case 2: {
                            if (u === 2) {
                                if (!(m.start && m.start.length))
                                    m.start = [];
                                $nums(r, "int64s", m.start);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.start && m.start.length))
                                m.start = [];
                            m.start.push($num(r.int64()));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for MultiDiscreteSpace
             * @function getTypeUrl
             * @memberof metarena.v1.MultiDiscreteSpace
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MultiDiscreteSpace.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.MultiDiscreteSpace";
            };

            return MultiDiscreteSpace;
        })();

        v1.MultiBinarySpace = (function() {

            /**
             * Properties of a MultiBinarySpace.
             * @typedef {Object} metarena.v1.MultiBinarySpace.$Properties
             * @property {Array.<number>|null} [shape] MultiBinarySpace shape
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MultiBinarySpace.
             * @memberof metarena.v1
             * @interface IMultiBinarySpace
             * @augments metarena.v1.MultiBinarySpace.$Properties
             * @deprecated Use metarena.v1.MultiBinarySpace.$Properties instead.
             */

            /**
             * Shape of a MultiBinarySpace.
             * @typedef {metarena.v1.MultiBinarySpace.$Properties} metarena.v1.MultiBinarySpace.$Shape
             */

            /**
             * Constructs a new MultiBinarySpace.
             * @memberof metarena.v1
             * @classdesc Represents a MultiBinarySpace.
             * @constructor
             * @param {metarena.v1.MultiBinarySpace.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MultiBinarySpace = function (p) {
                this.shape = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MultiBinarySpace shape.
             * @member {Array.<number>} shape
             * @memberof metarena.v1.MultiBinarySpace
             * @instance
             */
            MultiBinarySpace.prototype.shape = $util.emptyArray;

            /**
             * Creates a new MultiBinarySpace instance using the specified properties.
             * @function create
             * @memberof metarena.v1.MultiBinarySpace
             * @static
             * @param {metarena.v1.MultiBinarySpace.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.MultiBinarySpace} MultiBinarySpace instance
             * @type {{
             *   (properties: metarena.v1.MultiBinarySpace.$Shape): metarena.v1.MultiBinarySpace & metarena.v1.MultiBinarySpace.$Shape;
             *   (properties?: metarena.v1.MultiBinarySpace.$Properties): metarena.v1.MultiBinarySpace;
             * }}
             */
            MultiBinarySpace.create = function(properties) {
                return new MultiBinarySpace(properties);
            };

            /**
             * Encodes the specified MultiBinarySpace message. Does not implicitly {@link metarena.v1.MultiBinarySpace.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.MultiBinarySpace
             * @static
             * @param {metarena.v1.MultiBinarySpace.$Properties} m MultiBinarySpace message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MultiBinarySpace.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.shape != null && m.shape.length) {
                    w.uint32(/* id 1, wireType 2 =*/10).int64s(m.shape);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a MultiBinarySpace message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.MultiBinarySpace
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.MultiBinarySpace & metarena.v1.MultiBinarySpace.$Shape} MultiBinarySpace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MultiBinarySpace.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.MultiBinarySpace();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u === 2) {
                                if (!(m.shape && m.shape.length))
                                    m.shape = [];
                                $nums(r, "int64s", m.shape);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.shape && m.shape.length))
                                m.shape = [];
                            m.shape.push($num(r.int64()));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for MultiBinarySpace
             * @function getTypeUrl
             * @memberof metarena.v1.MultiBinarySpace
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MultiBinarySpace.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.MultiBinarySpace";
            };

            return MultiBinarySpace;
        })();

        v1.DictSpace = (function() {

            /**
             * Properties of a DictSpace.
             * @typedef {Object} metarena.v1.DictSpace.$Properties
             * @property {Array.<metarena.v1.DictSpaceEntry.$Properties>|null} [entries] DictSpace entries
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DictSpace.
             * @memberof metarena.v1
             * @interface IDictSpace
             * @augments metarena.v1.DictSpace.$Properties
             * @deprecated Use metarena.v1.DictSpace.$Properties instead.
             */

            /**
             * Shape of a DictSpace.
             * @typedef {{
             *   entries?: Array.<metarena.v1.DictSpaceEntry.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.DictSpace.$Shape
             */

            /**
             * Constructs a new DictSpace.
             * @memberof metarena.v1
             * @classdesc Represents a DictSpace.
             * @constructor
             * @param {metarena.v1.DictSpace.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DictSpace = function (p) {
                this.entries = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DictSpace entries.
             * @member {Array.<metarena.v1.DictSpaceEntry.$Properties>} entries
             * @memberof metarena.v1.DictSpace
             * @instance
             */
            DictSpace.prototype.entries = $util.emptyArray;

            /**
             * Creates a new DictSpace instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DictSpace
             * @static
             * @param {metarena.v1.DictSpace.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DictSpace} DictSpace instance
             * @type {{
             *   (properties: metarena.v1.DictSpace.$Shape): metarena.v1.DictSpace & metarena.v1.DictSpace.$Shape;
             *   (properties?: metarena.v1.DictSpace.$Properties): metarena.v1.DictSpace;
             * }}
             */
            DictSpace.create = function(properties) {
                return new DictSpace(properties);
            };

            /**
             * Encodes the specified DictSpace message. Does not implicitly {@link metarena.v1.DictSpace.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DictSpace
             * @static
             * @param {metarena.v1.DictSpace.$Properties} m DictSpace message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DictSpace.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.entries != null && m.entries.length) {
                    for (var i = 0; i < m.entries.length; ++i)
                        $root.metarena.v1.DictSpaceEntry.encode(m.entries[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DictSpace message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DictSpace
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DictSpace & metarena.v1.DictSpace.$Shape} DictSpace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DictSpace.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DictSpace();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.entries && m.entries.length))
                                m.entries = [];
                            m.entries.push($root.metarena.v1.DictSpaceEntry.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DictSpace
             * @function getTypeUrl
             * @memberof metarena.v1.DictSpace
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DictSpace.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DictSpace";
            };

            return DictSpace;
        })();

        v1.DictSpaceEntry = (function() {

            /**
             * Properties of a DictSpaceEntry.
             * @typedef {Object} metarena.v1.DictSpaceEntry.$Properties
             * @property {string|null} [key] DictSpaceEntry key
             * @property {metarena.v1.Space.$Properties|null} [space] DictSpaceEntry space
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DictSpaceEntry.
             * @memberof metarena.v1
             * @interface IDictSpaceEntry
             * @augments metarena.v1.DictSpaceEntry.$Properties
             * @deprecated Use metarena.v1.DictSpaceEntry.$Properties instead.
             */

            /**
             * Shape of a DictSpaceEntry.
             * @typedef {{
             *   key?: string|null;
             *   space?: metarena.v1.Space.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.DictSpaceEntry.$Shape
             */

            /**
             * Constructs a new DictSpaceEntry.
             * @memberof metarena.v1
             * @classdesc Represents a DictSpaceEntry.
             * @constructor
             * @param {metarena.v1.DictSpaceEntry.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DictSpaceEntry = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DictSpaceEntry key.
             * @member {string} key
             * @memberof metarena.v1.DictSpaceEntry
             * @instance
             */
            DictSpaceEntry.prototype.key = "";

            /**
             * DictSpaceEntry space.
             * @member {metarena.v1.Space.$Properties|null|undefined} space
             * @memberof metarena.v1.DictSpaceEntry
             * @instance
             */
            DictSpaceEntry.prototype.space = null;

            /**
             * Creates a new DictSpaceEntry instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DictSpaceEntry
             * @static
             * @param {metarena.v1.DictSpaceEntry.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DictSpaceEntry} DictSpaceEntry instance
             * @type {{
             *   (properties: metarena.v1.DictSpaceEntry.$Shape): metarena.v1.DictSpaceEntry & metarena.v1.DictSpaceEntry.$Shape;
             *   (properties?: metarena.v1.DictSpaceEntry.$Properties): metarena.v1.DictSpaceEntry;
             * }}
             */
            DictSpaceEntry.create = function(properties) {
                return new DictSpaceEntry(properties);
            };

            /**
             * Encodes the specified DictSpaceEntry message. Does not implicitly {@link metarena.v1.DictSpaceEntry.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DictSpaceEntry
             * @static
             * @param {metarena.v1.DictSpaceEntry.$Properties} m DictSpaceEntry message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DictSpaceEntry.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.key != null && $Object.hasOwnProperty.call(m, "key") && m.key !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.key);
                if (m.space != null && $Object.hasOwnProperty.call(m, "space"))
                    $root.metarena.v1.Space.encode(m.space, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DictSpaceEntry message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DictSpaceEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DictSpaceEntry & metarena.v1.DictSpaceEntry.$Shape} DictSpaceEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DictSpaceEntry.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DictSpaceEntry();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.key = v;
                            else
                                delete m.key;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.space = $root.metarena.v1.Space.decode(r, r.size(), $undefined, q + 1, m.space);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DictSpaceEntry
             * @function getTypeUrl
             * @memberof metarena.v1.DictSpaceEntry
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DictSpaceEntry.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DictSpaceEntry";
            };

            return DictSpaceEntry;
        })();

        v1.TupleSpace = (function() {

            /**
             * Properties of a TupleSpace.
             * @typedef {Object} metarena.v1.TupleSpace.$Properties
             * @property {Array.<metarena.v1.Space.$Properties>|null} [spaces] TupleSpace spaces
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TupleSpace.
             * @memberof metarena.v1
             * @interface ITupleSpace
             * @augments metarena.v1.TupleSpace.$Properties
             * @deprecated Use metarena.v1.TupleSpace.$Properties instead.
             */

            /**
             * Shape of a TupleSpace.
             * @typedef {{
             *   spaces?: Array.<metarena.v1.Space.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.TupleSpace.$Shape
             */

            /**
             * Constructs a new TupleSpace.
             * @memberof metarena.v1
             * @classdesc Represents a TupleSpace.
             * @constructor
             * @param {metarena.v1.TupleSpace.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TupleSpace = function (p) {
                this.spaces = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TupleSpace spaces.
             * @member {Array.<metarena.v1.Space.$Properties>} spaces
             * @memberof metarena.v1.TupleSpace
             * @instance
             */
            TupleSpace.prototype.spaces = $util.emptyArray;

            /**
             * Creates a new TupleSpace instance using the specified properties.
             * @function create
             * @memberof metarena.v1.TupleSpace
             * @static
             * @param {metarena.v1.TupleSpace.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.TupleSpace} TupleSpace instance
             * @type {{
             *   (properties: metarena.v1.TupleSpace.$Shape): metarena.v1.TupleSpace & metarena.v1.TupleSpace.$Shape;
             *   (properties?: metarena.v1.TupleSpace.$Properties): metarena.v1.TupleSpace;
             * }}
             */
            TupleSpace.create = function(properties) {
                return new TupleSpace(properties);
            };

            /**
             * Encodes the specified TupleSpace message. Does not implicitly {@link metarena.v1.TupleSpace.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.TupleSpace
             * @static
             * @param {metarena.v1.TupleSpace.$Properties} m TupleSpace message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TupleSpace.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.spaces != null && m.spaces.length) {
                    for (var i = 0; i < m.spaces.length; ++i)
                        $root.metarena.v1.Space.encode(m.spaces[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a TupleSpace message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.TupleSpace
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.TupleSpace & metarena.v1.TupleSpace.$Shape} TupleSpace
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TupleSpace.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.TupleSpace();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.spaces && m.spaces.length))
                                m.spaces = [];
                            m.spaces.push($root.metarena.v1.Space.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for TupleSpace
             * @function getTypeUrl
             * @memberof metarena.v1.TupleSpace
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TupleSpace.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.TupleSpace";
            };

            return TupleSpace;
        })();

        v1.ContextFeature = (function() {

            /**
             * Properties of a ContextFeature.
             * @typedef {Object} metarena.v1.ContextFeature.$Properties
             * @property {string|null} [name] ContextFeature name
             * @property {number|null} [default_value] ContextFeature default_value
             * @property {number|null} [lower] ContextFeature lower
             * @property {number|null} [upper] ContextFeature upper
             * @property {string|null} [unit] ContextFeature unit
             * @property {string|null} [description] ContextFeature description
             * @property {boolean|null} [integer] ContextFeature integer
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContextFeature.
             * @memberof metarena.v1
             * @interface IContextFeature
             * @augments metarena.v1.ContextFeature.$Properties
             * @deprecated Use metarena.v1.ContextFeature.$Properties instead.
             */

            /**
             * Shape of a ContextFeature.
             * @typedef {metarena.v1.ContextFeature.$Properties} metarena.v1.ContextFeature.$Shape
             */

            /**
             * Constructs a new ContextFeature.
             * @memberof metarena.v1
             * @classdesc Represents a ContextFeature.
             * @constructor
             * @param {metarena.v1.ContextFeature.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ContextFeature = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ContextFeature name.
             * @member {string} name
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.name = "";

            /**
             * ContextFeature default_value.
             * @member {number} default_value
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.default_value = 0;

            /**
             * ContextFeature lower.
             * @member {number} lower
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.lower = 0;

            /**
             * ContextFeature upper.
             * @member {number} upper
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.upper = 0;

            /**
             * ContextFeature unit.
             * @member {string} unit
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.unit = "";

            /**
             * ContextFeature description.
             * @member {string} description
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.description = "";

            /**
             * ContextFeature integer.
             * @member {boolean} integer
             * @memberof metarena.v1.ContextFeature
             * @instance
             */
            ContextFeature.prototype.integer = false;

            /**
             * Creates a new ContextFeature instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ContextFeature
             * @static
             * @param {metarena.v1.ContextFeature.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ContextFeature} ContextFeature instance
             * @type {{
             *   (properties: metarena.v1.ContextFeature.$Shape): metarena.v1.ContextFeature & metarena.v1.ContextFeature.$Shape;
             *   (properties?: metarena.v1.ContextFeature.$Properties): metarena.v1.ContextFeature;
             * }}
             */
            ContextFeature.create = function(properties) {
                return new ContextFeature(properties);
            };

            /**
             * Encodes the specified ContextFeature message. Does not implicitly {@link metarena.v1.ContextFeature.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ContextFeature
             * @static
             * @param {metarena.v1.ContextFeature.$Properties} m ContextFeature message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContextFeature.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.name);
                if (m.default_value != null && $Object.hasOwnProperty.call(m, "default_value") && !$Object.is(m.default_value, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.default_value);
                if (m.lower != null && $Object.hasOwnProperty.call(m, "lower") && !$Object.is(m.lower, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.lower);
                if (m.upper != null && $Object.hasOwnProperty.call(m, "upper") && !$Object.is(m.upper, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.upper);
                if (m.unit != null && $Object.hasOwnProperty.call(m, "unit") && m.unit !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.unit);
                if (m.description != null && $Object.hasOwnProperty.call(m, "description") && m.description !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.description);
                if (m.integer != null && $Object.hasOwnProperty.call(m, "integer") && m.integer !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.integer);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ContextFeature message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ContextFeature
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ContextFeature & metarena.v1.ContextFeature.$Shape} ContextFeature
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContextFeature.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ContextFeature();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.default_value = v;
                            else
                                delete m.default_value;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.lower = v;
                            else
                                delete m.lower;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.upper = v;
                            else
                                delete m.upper;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.unit = v;
                            else
                                delete m.unit;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.description = v;
                            else
                                delete m.description;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.integer = v;
                            else
                                delete m.integer;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ContextFeature
             * @function getTypeUrl
             * @memberof metarena.v1.ContextFeature
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ContextFeature.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ContextFeature";
            };

            return ContextFeature;
        })();

        /**
         * AutoresetMode enum.
         * @name metarena.v1.AutoresetMode
         * @enum {number}
         * @property {number} AUTORESET_MODE_UNSPECIFIED=0 AUTORESET_MODE_UNSPECIFIED value
         * @property {number} AUTORESET_MODE_NEXT_STEP=1 AUTORESET_MODE_NEXT_STEP value
         * @property {number} AUTORESET_MODE_SAME_STEP=2 AUTORESET_MODE_SAME_STEP value
         * @property {number} AUTORESET_MODE_DISABLED=3 AUTORESET_MODE_DISABLED value
         */
        v1.AutoresetMode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "AUTORESET_MODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "AUTORESET_MODE_NEXT_STEP"] = 1;
            values[valuesById[2] = "AUTORESET_MODE_SAME_STEP"] = 2;
            values[valuesById[3] = "AUTORESET_MODE_DISABLED"] = 3;
            return values;
        })();

        v1.EnvSpec = (function() {

            /**
             * Properties of an EnvSpec.
             * @typedef {Object} metarena.v1.EnvSpec.$Properties
             * @property {string|null} [env_id] EnvSpec env_id
             * @property {string|null} [description] EnvSpec description
             * @property {metarena.v1.Space.$Properties|null} [observation_space] EnvSpec observation_space
             * @property {metarena.v1.Space.$Properties|null} [action_space] EnvSpec action_space
             * @property {Array.<metarena.v1.ContextFeature.$Properties>|null} [context_features] EnvSpec context_features
             * @property {number|null} [max_episode_steps] EnvSpec max_episode_steps
             * @property {number|null} [num_envs] EnvSpec num_envs
             * @property {metarena.v1.AutoresetMode|null} [autoreset_mode] EnvSpec autoreset_mode
             * @property {number|null} [episodes_per_trial] EnvSpec episodes_per_trial
             * @property {string|null} [args_schema_json] EnvSpec args_schema_json
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EnvSpec.
             * @memberof metarena.v1
             * @interface IEnvSpec
             * @augments metarena.v1.EnvSpec.$Properties
             * @deprecated Use metarena.v1.EnvSpec.$Properties instead.
             */

            /**
             * Shape of an EnvSpec.
             * @typedef {{
             *   env_id?: string|null;
             *   description?: string|null;
             *   observation_space?: metarena.v1.Space.$Shape|null;
             *   action_space?: metarena.v1.Space.$Shape|null;
             *   context_features?: Array.<metarena.v1.ContextFeature.$Shape>|null;
             *   max_episode_steps?: number|null;
             *   num_envs?: number|null;
             *   autoreset_mode?: metarena.v1.AutoresetMode|null;
             *   episodes_per_trial?: number|null;
             *   args_schema_json?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.EnvSpec.$Shape
             */

            /**
             * Constructs a new EnvSpec.
             * @memberof metarena.v1
             * @classdesc Represents an EnvSpec.
             * @constructor
             * @param {metarena.v1.EnvSpec.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EnvSpec = function (p) {
                this.context_features = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * EnvSpec env_id.
             * @member {string} env_id
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.env_id = "";

            /**
             * EnvSpec description.
             * @member {string} description
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.description = "";

            /**
             * EnvSpec observation_space.
             * @member {metarena.v1.Space.$Properties|null|undefined} observation_space
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.observation_space = null;

            /**
             * EnvSpec action_space.
             * @member {metarena.v1.Space.$Properties|null|undefined} action_space
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.action_space = null;

            /**
             * EnvSpec context_features.
             * @member {Array.<metarena.v1.ContextFeature.$Properties>} context_features
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.context_features = $util.emptyArray;

            /**
             * EnvSpec max_episode_steps.
             * @member {number|null|undefined} max_episode_steps
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.max_episode_steps = null;

            /**
             * EnvSpec num_envs.
             * @member {number} num_envs
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.num_envs = 0;

            /**
             * EnvSpec autoreset_mode.
             * @member {metarena.v1.AutoresetMode} autoreset_mode
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.autoreset_mode = 0;

            /**
             * EnvSpec episodes_per_trial.
             * @member {number} episodes_per_trial
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.episodes_per_trial = 0;

            /**
             * EnvSpec args_schema_json.
             * @member {string} args_schema_json
             * @memberof metarena.v1.EnvSpec
             * @instance
             */
            EnvSpec.prototype.args_schema_json = "";

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(EnvSpec.prototype, "_max_episode_steps", {
                get: $util.oneOfGetter($oneOfFields = ["max_episode_steps"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new EnvSpec instance using the specified properties.
             * @function create
             * @memberof metarena.v1.EnvSpec
             * @static
             * @param {metarena.v1.EnvSpec.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.EnvSpec} EnvSpec instance
             * @type {{
             *   (properties: metarena.v1.EnvSpec.$Shape): metarena.v1.EnvSpec & metarena.v1.EnvSpec.$Shape;
             *   (properties?: metarena.v1.EnvSpec.$Properties): metarena.v1.EnvSpec;
             * }}
             */
            EnvSpec.create = function(properties) {
                return new EnvSpec(properties);
            };

            /**
             * Encodes the specified EnvSpec message. Does not implicitly {@link metarena.v1.EnvSpec.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.EnvSpec
             * @static
             * @param {metarena.v1.EnvSpec.$Properties} m EnvSpec message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EnvSpec.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_id != null && $Object.hasOwnProperty.call(m, "env_id") && m.env_id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.env_id);
                if (m.description != null && $Object.hasOwnProperty.call(m, "description") && m.description !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.description);
                if (m.observation_space != null && $Object.hasOwnProperty.call(m, "observation_space"))
                    $root.metarena.v1.Space.encode(m.observation_space, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.action_space != null && $Object.hasOwnProperty.call(m, "action_space"))
                    $root.metarena.v1.Space.encode(m.action_space, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.context_features != null && m.context_features.length) {
                    for (var i = 0; i < m.context_features.length; ++i)
                        $root.metarena.v1.ContextFeature.encode(m.context_features[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                }
                if (m.max_episode_steps != null && $Object.hasOwnProperty.call(m, "max_episode_steps"))
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.max_episode_steps);
                if (m.num_envs != null && $Object.hasOwnProperty.call(m, "num_envs") && m.num_envs !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.num_envs);
                if (m.autoreset_mode != null && $Object.hasOwnProperty.call(m, "autoreset_mode") && m.autoreset_mode !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).int32(m.autoreset_mode);
                if (m.episodes_per_trial != null && $Object.hasOwnProperty.call(m, "episodes_per_trial") && m.episodes_per_trial !== 0)
                    w.uint32(/* id 9, wireType 0 =*/72).uint32(m.episodes_per_trial);
                if (m.args_schema_json != null && $Object.hasOwnProperty.call(m, "args_schema_json") && m.args_schema_json !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.args_schema_json);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an EnvSpec message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.EnvSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.EnvSpec & metarena.v1.EnvSpec.$Shape} EnvSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EnvSpec.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.EnvSpec();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.env_id = v;
                            else
                                delete m.env_id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.description = v;
                            else
                                delete m.description;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.observation_space = $root.metarena.v1.Space.decode(r, r.size(), $undefined, q + 1, m.observation_space);
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.action_space = $root.metarena.v1.Space.decode(r, r.size(), $undefined, q + 1, m.action_space);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.context_features && m.context_features.length))
                                m.context_features = [];
                            m.context_features.push($root.metarena.v1.ContextFeature.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            m.max_episode_steps = r.uint32();
                            m._max_episode_steps = "max_episode_steps";
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.num_envs = v;
                            else
                                delete m.num_envs;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.autoreset_mode = v;
                            else
                                delete m.autoreset_mode;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.episodes_per_trial = v;
                            else
                                delete m.episodes_per_trial;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.args_schema_json = v;
                            else
                                delete m.args_schema_json;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for EnvSpec
             * @function getTypeUrl
             * @memberof metarena.v1.EnvSpec
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EnvSpec.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.EnvSpec";
            };

            return EnvSpec;
        })();

        /**
         * Split enum.
         * @name metarena.v1.Split
         * @enum {number}
         * @property {number} SPLIT_UNSPECIFIED=0 SPLIT_UNSPECIFIED value
         * @property {number} SPLIT_TRAIN=1 SPLIT_TRAIN value
         * @property {number} SPLIT_TEST=2 SPLIT_TEST value
         */
        v1.Split = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SPLIT_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SPLIT_TRAIN"] = 1;
            values[valuesById[2] = "SPLIT_TEST"] = 2;
            return values;
        })();

        /**
         * TaskOrder enum.
         * @name metarena.v1.TaskOrder
         * @enum {number}
         * @property {number} TASK_ORDER_UNSPECIFIED=0 TASK_ORDER_UNSPECIFIED value
         * @property {number} TASK_ORDER_RANDOM=1 TASK_ORDER_RANDOM value
         * @property {number} TASK_ORDER_CYCLE=2 TASK_ORDER_CYCLE value
         */
        v1.TaskOrder = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TASK_ORDER_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TASK_ORDER_RANDOM"] = 1;
            values[valuesById[2] = "TASK_ORDER_CYCLE"] = 2;
            return values;
        })();

        v1.ContextSampler = (function() {

            /**
             * Properties of a ContextSampler.
             * @typedef {Object} metarena.v1.ContextSampler.$Properties
             * @property {string|null} [kind] ContextSampler kind
             * @property {string|null} [params_json] ContextSampler params_json
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContextSampler.
             * @memberof metarena.v1
             * @interface IContextSampler
             * @augments metarena.v1.ContextSampler.$Properties
             * @deprecated Use metarena.v1.ContextSampler.$Properties instead.
             */

            /**
             * Shape of a ContextSampler.
             * @typedef {metarena.v1.ContextSampler.$Properties} metarena.v1.ContextSampler.$Shape
             */

            /**
             * Constructs a new ContextSampler.
             * @memberof metarena.v1
             * @classdesc Represents a ContextSampler.
             * @constructor
             * @param {metarena.v1.ContextSampler.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ContextSampler = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ContextSampler kind.
             * @member {string} kind
             * @memberof metarena.v1.ContextSampler
             * @instance
             */
            ContextSampler.prototype.kind = "";

            /**
             * ContextSampler params_json.
             * @member {string} params_json
             * @memberof metarena.v1.ContextSampler
             * @instance
             */
            ContextSampler.prototype.params_json = "";

            /**
             * Creates a new ContextSampler instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ContextSampler
             * @static
             * @param {metarena.v1.ContextSampler.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ContextSampler} ContextSampler instance
             * @type {{
             *   (properties: metarena.v1.ContextSampler.$Shape): metarena.v1.ContextSampler & metarena.v1.ContextSampler.$Shape;
             *   (properties?: metarena.v1.ContextSampler.$Properties): metarena.v1.ContextSampler;
             * }}
             */
            ContextSampler.create = function(properties) {
                return new ContextSampler(properties);
            };

            /**
             * Encodes the specified ContextSampler message. Does not implicitly {@link metarena.v1.ContextSampler.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ContextSampler
             * @static
             * @param {metarena.v1.ContextSampler.$Properties} m ContextSampler message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContextSampler.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.kind);
                if (m.params_json != null && $Object.hasOwnProperty.call(m, "params_json") && m.params_json !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.params_json);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ContextSampler message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ContextSampler
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ContextSampler & metarena.v1.ContextSampler.$Shape} ContextSampler
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContextSampler.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ContextSampler();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.kind = v;
                            else
                                delete m.kind;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.params_json = v;
                            else
                                delete m.params_json;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ContextSampler
             * @function getTypeUrl
             * @memberof metarena.v1.ContextSampler
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ContextSampler.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ContextSampler";
            };

            return ContextSampler;
        })();

        v1.SplitSizes = (function() {

            /**
             * Properties of a SplitSizes.
             * @typedef {Object} metarena.v1.SplitSizes.$Properties
             * @property {number|null} [train] SplitSizes train
             * @property {number|null} [test] SplitSizes test
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SplitSizes.
             * @memberof metarena.v1
             * @interface ISplitSizes
             * @augments metarena.v1.SplitSizes.$Properties
             * @deprecated Use metarena.v1.SplitSizes.$Properties instead.
             */

            /**
             * Shape of a SplitSizes.
             * @typedef {metarena.v1.SplitSizes.$Properties} metarena.v1.SplitSizes.$Shape
             */

            /**
             * Constructs a new SplitSizes.
             * @memberof metarena.v1
             * @classdesc Represents a SplitSizes.
             * @constructor
             * @param {metarena.v1.SplitSizes.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SplitSizes = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SplitSizes train.
             * @member {number|null|undefined} train
             * @memberof metarena.v1.SplitSizes
             * @instance
             */
            SplitSizes.prototype.train = null;

            /**
             * SplitSizes test.
             * @member {number|null|undefined} test
             * @memberof metarena.v1.SplitSizes
             * @instance
             */
            SplitSizes.prototype.test = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SplitSizes.prototype, "_train", {
                get: $util.oneOfGetter($oneOfFields = ["train"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SplitSizes.prototype, "_test", {
                get: $util.oneOfGetter($oneOfFields = ["test"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SplitSizes instance using the specified properties.
             * @function create
             * @memberof metarena.v1.SplitSizes
             * @static
             * @param {metarena.v1.SplitSizes.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.SplitSizes} SplitSizes instance
             * @type {{
             *   (properties: metarena.v1.SplitSizes.$Shape): metarena.v1.SplitSizes & metarena.v1.SplitSizes.$Shape;
             *   (properties?: metarena.v1.SplitSizes.$Properties): metarena.v1.SplitSizes;
             * }}
             */
            SplitSizes.create = function(properties) {
                return new SplitSizes(properties);
            };

            /**
             * Encodes the specified SplitSizes message. Does not implicitly {@link metarena.v1.SplitSizes.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.SplitSizes
             * @static
             * @param {metarena.v1.SplitSizes.$Properties} m SplitSizes message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SplitSizes.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.train != null && $Object.hasOwnProperty.call(m, "train"))
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.train);
                if (m.test != null && $Object.hasOwnProperty.call(m, "test"))
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.test);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SplitSizes message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.SplitSizes
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.SplitSizes & metarena.v1.SplitSizes.$Shape} SplitSizes
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SplitSizes.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.SplitSizes();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.train = r.uint32();
                            m._train = "train";
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            m.test = r.uint32();
                            m._test = "test";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for SplitSizes
             * @function getTypeUrl
             * @memberof metarena.v1.SplitSizes
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SplitSizes.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.SplitSizes";
            };

            return SplitSizes;
        })();

        v1.WrapperSpec = (function() {

            /**
             * Properties of a WrapperSpec.
             * @typedef {Object} metarena.v1.WrapperSpec.$Properties
             * @property {string|null} [id] WrapperSpec id
             * @property {string|null} [options_json] WrapperSpec options_json
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WrapperSpec.
             * @memberof metarena.v1
             * @interface IWrapperSpec
             * @augments metarena.v1.WrapperSpec.$Properties
             * @deprecated Use metarena.v1.WrapperSpec.$Properties instead.
             */

            /**
             * Shape of a WrapperSpec.
             * @typedef {metarena.v1.WrapperSpec.$Properties} metarena.v1.WrapperSpec.$Shape
             */

            /**
             * Constructs a new WrapperSpec.
             * @memberof metarena.v1
             * @classdesc Represents a WrapperSpec.
             * @constructor
             * @param {metarena.v1.WrapperSpec.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const WrapperSpec = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * WrapperSpec id.
             * @member {string} id
             * @memberof metarena.v1.WrapperSpec
             * @instance
             */
            WrapperSpec.prototype.id = "";

            /**
             * WrapperSpec options_json.
             * @member {string} options_json
             * @memberof metarena.v1.WrapperSpec
             * @instance
             */
            WrapperSpec.prototype.options_json = "";

            /**
             * Creates a new WrapperSpec instance using the specified properties.
             * @function create
             * @memberof metarena.v1.WrapperSpec
             * @static
             * @param {metarena.v1.WrapperSpec.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.WrapperSpec} WrapperSpec instance
             * @type {{
             *   (properties: metarena.v1.WrapperSpec.$Shape): metarena.v1.WrapperSpec & metarena.v1.WrapperSpec.$Shape;
             *   (properties?: metarena.v1.WrapperSpec.$Properties): metarena.v1.WrapperSpec;
             * }}
             */
            WrapperSpec.create = function(properties) {
                return new WrapperSpec(properties);
            };

            /**
             * Encodes the specified WrapperSpec message. Does not implicitly {@link metarena.v1.WrapperSpec.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.WrapperSpec
             * @static
             * @param {metarena.v1.WrapperSpec.$Properties} m WrapperSpec message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WrapperSpec.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.options_json != null && $Object.hasOwnProperty.call(m, "options_json") && m.options_json !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.options_json);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a WrapperSpec message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.WrapperSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.WrapperSpec & metarena.v1.WrapperSpec.$Shape} WrapperSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WrapperSpec.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.WrapperSpec();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.options_json = v;
                            else
                                delete m.options_json;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for WrapperSpec
             * @function getTypeUrl
             * @memberof metarena.v1.WrapperSpec
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WrapperSpec.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.WrapperSpec";
            };

            return WrapperSpec;
        })();

        v1.MakeRequest = (function() {

            /**
             * Properties of a MakeRequest.
             * @typedef {Object} metarena.v1.MakeRequest.$Properties
             * @property {string|null} [env_id] MakeRequest env_id
             * @property {number|null} [num_envs] MakeRequest num_envs
             * @property {number|null} [seed] MakeRequest seed
             * @property {string|null} [args_json] MakeRequest args_json
             * @property {Object.<string,number>|null} [context] MakeRequest context
             * @property {metarena.v1.ContextSampler.$Properties|null} [context_sampler] MakeRequest context_sampler
             * @property {metarena.v1.Split|null} [split] MakeRequest split
             * @property {metarena.v1.SplitSizes.$Properties|null} [split_sizes] MakeRequest split_sizes
             * @property {number|null} [split_seed] MakeRequest split_seed
             * @property {metarena.v1.TaskOrder|null} [task_order] MakeRequest task_order
             * @property {number|null} [episodes_per_trial] MakeRequest episodes_per_trial
             * @property {number|null} [max_episode_steps] MakeRequest max_episode_steps
             * @property {Array.<metarena.v1.WrapperSpec.$Properties>|null} [wrappers] MakeRequest wrappers
             * @property {metarena.v1.AutoresetMode|null} [autoreset_mode] MakeRequest autoreset_mode
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MakeRequest.
             * @memberof metarena.v1
             * @interface IMakeRequest
             * @augments metarena.v1.MakeRequest.$Properties
             * @deprecated Use metarena.v1.MakeRequest.$Properties instead.
             */

            /**
             * Shape of a MakeRequest.
             * @typedef {metarena.v1.MakeRequest.$Properties} metarena.v1.MakeRequest.$Shape
             */

            /**
             * Constructs a new MakeRequest.
             * @memberof metarena.v1
             * @classdesc Represents a MakeRequest.
             * @constructor
             * @param {metarena.v1.MakeRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MakeRequest = function (p) {
                this.context = {};
                this.wrappers = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MakeRequest env_id.
             * @member {string} env_id
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.env_id = "";

            /**
             * MakeRequest num_envs.
             * @member {number} num_envs
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.num_envs = 0;

            /**
             * MakeRequest seed.
             * @member {number|null|undefined} seed
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.seed = null;

            /**
             * MakeRequest args_json.
             * @member {string} args_json
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.args_json = "";

            /**
             * MakeRequest context.
             * @member {Object.<string,number>} context
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.context = $util.emptyObject;

            /**
             * MakeRequest context_sampler.
             * @member {metarena.v1.ContextSampler.$Properties|null|undefined} context_sampler
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.context_sampler = null;

            /**
             * MakeRequest split.
             * @member {metarena.v1.Split} split
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.split = 0;

            /**
             * MakeRequest split_sizes.
             * @member {metarena.v1.SplitSizes.$Properties|null|undefined} split_sizes
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.split_sizes = null;

            /**
             * MakeRequest split_seed.
             * @member {number|null|undefined} split_seed
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.split_seed = null;

            /**
             * MakeRequest task_order.
             * @member {metarena.v1.TaskOrder} task_order
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.task_order = 0;

            /**
             * MakeRequest episodes_per_trial.
             * @member {number|null|undefined} episodes_per_trial
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.episodes_per_trial = null;

            /**
             * MakeRequest max_episode_steps.
             * @member {number|null|undefined} max_episode_steps
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.max_episode_steps = null;

            /**
             * MakeRequest wrappers.
             * @member {Array.<metarena.v1.WrapperSpec.$Properties>} wrappers
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.wrappers = $util.emptyArray;

            /**
             * MakeRequest autoreset_mode.
             * @member {metarena.v1.AutoresetMode} autoreset_mode
             * @memberof metarena.v1.MakeRequest
             * @instance
             */
            MakeRequest.prototype.autoreset_mode = 0;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(MakeRequest.prototype, "_seed", {
                get: $util.oneOfGetter($oneOfFields = ["seed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(MakeRequest.prototype, "_split_seed", {
                get: $util.oneOfGetter($oneOfFields = ["split_seed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(MakeRequest.prototype, "_episodes_per_trial", {
                get: $util.oneOfGetter($oneOfFields = ["episodes_per_trial"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(MakeRequest.prototype, "_max_episode_steps", {
                get: $util.oneOfGetter($oneOfFields = ["max_episode_steps"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new MakeRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.MakeRequest
             * @static
             * @param {metarena.v1.MakeRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.MakeRequest} MakeRequest instance
             * @type {{
             *   (properties: metarena.v1.MakeRequest.$Shape): metarena.v1.MakeRequest & metarena.v1.MakeRequest.$Shape;
             *   (properties?: metarena.v1.MakeRequest.$Properties): metarena.v1.MakeRequest;
             * }}
             */
            MakeRequest.create = function(properties) {
                return new MakeRequest(properties);
            };

            /**
             * Encodes the specified MakeRequest message. Does not implicitly {@link metarena.v1.MakeRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.MakeRequest
             * @static
             * @param {metarena.v1.MakeRequest.$Properties} m MakeRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MakeRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_id != null && $Object.hasOwnProperty.call(m, "env_id") && m.env_id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.env_id);
                if (m.num_envs != null && $Object.hasOwnProperty.call(m, "num_envs") && m.num_envs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.num_envs);
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed"))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.seed);
                if (m.args_json != null && $Object.hasOwnProperty.call(m, "args_json") && m.args_json !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.args_json);
                if (m.context != null && $Object.hasOwnProperty.call(m, "context")) {
                    for (var ks = $Object.keys(m.context), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.context[ks[i]]).ldelim();
                    }
                }
                if (m.context_sampler != null && $Object.hasOwnProperty.call(m, "context_sampler"))
                    $root.metarena.v1.ContextSampler.encode(m.context_sampler, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.split != null && $Object.hasOwnProperty.call(m, "split") && m.split !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).int32(m.split);
                if (m.split_sizes != null && $Object.hasOwnProperty.call(m, "split_sizes"))
                    $root.metarena.v1.SplitSizes.encode(m.split_sizes, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.split_seed != null && $Object.hasOwnProperty.call(m, "split_seed"))
                    w.uint32(/* id 9, wireType 0 =*/72).uint64(m.split_seed);
                if (m.task_order != null && $Object.hasOwnProperty.call(m, "task_order") && m.task_order !== 0)
                    w.uint32(/* id 10, wireType 0 =*/80).int32(m.task_order);
                if (m.episodes_per_trial != null && $Object.hasOwnProperty.call(m, "episodes_per_trial"))
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.episodes_per_trial);
                if (m.max_episode_steps != null && $Object.hasOwnProperty.call(m, "max_episode_steps"))
                    w.uint32(/* id 12, wireType 0 =*/96).uint32(m.max_episode_steps);
                if (m.wrappers != null && m.wrappers.length) {
                    for (var i = 0; i < m.wrappers.length; ++i)
                        $root.metarena.v1.WrapperSpec.encode(m.wrappers[i], w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                }
                if (m.autoreset_mode != null && $Object.hasOwnProperty.call(m, "autoreset_mode") && m.autoreset_mode !== 0)
                    w.uint32(/* id 14, wireType 0 =*/112).int32(m.autoreset_mode);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a MakeRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.MakeRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.MakeRequest & metarena.v1.MakeRequest.$Shape} MakeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MakeRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.MakeRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.env_id = v;
                            else
                                delete m.env_id;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.num_envs = v;
                            else
                                delete m.num_envs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            m.seed = $num(r.uint64());
                            m._seed = "seed";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.args_json = v;
                            else
                                delete m.args_json;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (m.context === $util.emptyObject)
                                m.context = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.context, k);
                            m.context[k] = v;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.context_sampler = $root.metarena.v1.ContextSampler.decode(r, r.size(), $undefined, q + 1, m.context_sampler);
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.split = v;
                            else
                                delete m.split;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.split_sizes = $root.metarena.v1.SplitSizes.decode(r, r.size(), $undefined, q + 1, m.split_sizes);
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            m.split_seed = $num(r.uint64());
                            m._split_seed = "split_seed";
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.task_order = v;
                            else
                                delete m.task_order;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            m.episodes_per_trial = r.uint32();
                            m._episodes_per_trial = "episodes_per_trial";
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            m.max_episode_steps = r.uint32();
                            m._max_episode_steps = "max_episode_steps";
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            if (!(m.wrappers && m.wrappers.length))
                                m.wrappers = [];
                            m.wrappers.push($root.metarena.v1.WrapperSpec.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 14: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.autoreset_mode = v;
                            else
                                delete m.autoreset_mode;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for MakeRequest
             * @function getTypeUrl
             * @memberof metarena.v1.MakeRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MakeRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.MakeRequest";
            };

            return MakeRequest;
        })();

        v1.MakeResponse = (function() {

            /**
             * Properties of a MakeResponse.
             * @typedef {Object} metarena.v1.MakeResponse.$Properties
             * @property {number|null} [env_handle] MakeResponse env_handle
             * @property {metarena.v1.EnvSpec.$Properties|null} [spec] MakeResponse spec
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MakeResponse.
             * @memberof metarena.v1
             * @interface IMakeResponse
             * @augments metarena.v1.MakeResponse.$Properties
             * @deprecated Use metarena.v1.MakeResponse.$Properties instead.
             */

            /**
             * Shape of a MakeResponse.
             * @typedef {{
             *   env_handle?: number|null;
             *   spec?: metarena.v1.EnvSpec.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.MakeResponse.$Shape
             */

            /**
             * Constructs a new MakeResponse.
             * @memberof metarena.v1
             * @classdesc Represents a MakeResponse.
             * @constructor
             * @param {metarena.v1.MakeResponse.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MakeResponse = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MakeResponse env_handle.
             * @member {number} env_handle
             * @memberof metarena.v1.MakeResponse
             * @instance
             */
            MakeResponse.prototype.env_handle = 0;

            /**
             * MakeResponse spec.
             * @member {metarena.v1.EnvSpec.$Properties|null|undefined} spec
             * @memberof metarena.v1.MakeResponse
             * @instance
             */
            MakeResponse.prototype.spec = null;

            /**
             * Creates a new MakeResponse instance using the specified properties.
             * @function create
             * @memberof metarena.v1.MakeResponse
             * @static
             * @param {metarena.v1.MakeResponse.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.MakeResponse} MakeResponse instance
             * @type {{
             *   (properties: metarena.v1.MakeResponse.$Shape): metarena.v1.MakeResponse & metarena.v1.MakeResponse.$Shape;
             *   (properties?: metarena.v1.MakeResponse.$Properties): metarena.v1.MakeResponse;
             * }}
             */
            MakeResponse.create = function(properties) {
                return new MakeResponse(properties);
            };

            /**
             * Encodes the specified MakeResponse message. Does not implicitly {@link metarena.v1.MakeResponse.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.MakeResponse
             * @static
             * @param {metarena.v1.MakeResponse.$Properties} m MakeResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MakeResponse.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_handle != null && $Object.hasOwnProperty.call(m, "env_handle") && m.env_handle !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.env_handle);
                if (m.spec != null && $Object.hasOwnProperty.call(m, "spec"))
                    $root.metarena.v1.EnvSpec.encode(m.spec, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a MakeResponse message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.MakeResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.MakeResponse & metarena.v1.MakeResponse.$Shape} MakeResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MakeResponse.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.MakeResponse();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.env_handle = v;
                            else
                                delete m.env_handle;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.spec = $root.metarena.v1.EnvSpec.decode(r, r.size(), $undefined, q + 1, m.spec);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for MakeResponse
             * @function getTypeUrl
             * @memberof metarena.v1.MakeResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MakeResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.MakeResponse";
            };

            return MakeResponse;
        })();

        v1.ContextValues = (function() {

            /**
             * Properties of a ContextValues.
             * @typedef {Object} metarena.v1.ContextValues.$Properties
             * @property {Object.<string,number>|null} [values] ContextValues values
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContextValues.
             * @memberof metarena.v1
             * @interface IContextValues
             * @augments metarena.v1.ContextValues.$Properties
             * @deprecated Use metarena.v1.ContextValues.$Properties instead.
             */

            /**
             * Shape of a ContextValues.
             * @typedef {metarena.v1.ContextValues.$Properties} metarena.v1.ContextValues.$Shape
             */

            /**
             * Constructs a new ContextValues.
             * @memberof metarena.v1
             * @classdesc Represents a ContextValues.
             * @constructor
             * @param {metarena.v1.ContextValues.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ContextValues = function (p) {
                this.values = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ContextValues values.
             * @member {Object.<string,number>} values
             * @memberof metarena.v1.ContextValues
             * @instance
             */
            ContextValues.prototype.values = $util.emptyObject;

            /**
             * Creates a new ContextValues instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ContextValues
             * @static
             * @param {metarena.v1.ContextValues.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ContextValues} ContextValues instance
             * @type {{
             *   (properties: metarena.v1.ContextValues.$Shape): metarena.v1.ContextValues & metarena.v1.ContextValues.$Shape;
             *   (properties?: metarena.v1.ContextValues.$Properties): metarena.v1.ContextValues;
             * }}
             */
            ContextValues.create = function(properties) {
                return new ContextValues(properties);
            };

            /**
             * Encodes the specified ContextValues message. Does not implicitly {@link metarena.v1.ContextValues.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ContextValues
             * @static
             * @param {metarena.v1.ContextValues.$Properties} m ContextValues message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContextValues.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.values != null && $Object.hasOwnProperty.call(m, "values")) {
                    for (var ks = $Object.keys(m.values), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.values[ks[i]]).ldelim();
                    }
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ContextValues message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ContextValues
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ContextValues & metarena.v1.ContextValues.$Shape} ContextValues
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContextValues.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ContextValues();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (m.values === $util.emptyObject)
                                m.values = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.values, k);
                            m.values[k] = v;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ContextValues
             * @function getTypeUrl
             * @memberof metarena.v1.ContextValues
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ContextValues.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ContextValues";
            };

            return ContextValues;
        })();

        v1.ContextSlot = (function() {

            /**
             * Properties of a ContextSlot.
             * @typedef {Object} metarena.v1.ContextSlot.$Properties
             * @property {metarena.v1.ContextValues.$Properties|null} [context] ContextSlot context
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContextSlot.
             * @memberof metarena.v1
             * @interface IContextSlot
             * @augments metarena.v1.ContextSlot.$Properties
             * @deprecated Use metarena.v1.ContextSlot.$Properties instead.
             */

            /**
             * Shape of a ContextSlot.
             * @typedef {metarena.v1.ContextSlot.$Properties} metarena.v1.ContextSlot.$Shape
             */

            /**
             * Constructs a new ContextSlot.
             * @memberof metarena.v1
             * @classdesc Represents a ContextSlot.
             * @constructor
             * @param {metarena.v1.ContextSlot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ContextSlot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ContextSlot context.
             * @member {metarena.v1.ContextValues.$Properties|null|undefined} context
             * @memberof metarena.v1.ContextSlot
             * @instance
             */
            ContextSlot.prototype.context = null;

            /**
             * Creates a new ContextSlot instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ContextSlot
             * @static
             * @param {metarena.v1.ContextSlot.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ContextSlot} ContextSlot instance
             * @type {{
             *   (properties: metarena.v1.ContextSlot.$Shape): metarena.v1.ContextSlot & metarena.v1.ContextSlot.$Shape;
             *   (properties?: metarena.v1.ContextSlot.$Properties): metarena.v1.ContextSlot;
             * }}
             */
            ContextSlot.create = function(properties) {
                return new ContextSlot(properties);
            };

            /**
             * Encodes the specified ContextSlot message. Does not implicitly {@link metarena.v1.ContextSlot.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ContextSlot
             * @static
             * @param {metarena.v1.ContextSlot.$Properties} m ContextSlot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContextSlot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.context != null && $Object.hasOwnProperty.call(m, "context"))
                    $root.metarena.v1.ContextValues.encode(m.context, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ContextSlot message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ContextSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ContextSlot & metarena.v1.ContextSlot.$Shape} ContextSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContextSlot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ContextSlot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.context = $root.metarena.v1.ContextValues.decode(r, r.size(), $undefined, q + 1, m.context);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ContextSlot
             * @function getTypeUrl
             * @memberof metarena.v1.ContextSlot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ContextSlot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ContextSlot";
            };

            return ContextSlot;
        })();

        v1.SeedSlot = (function() {

            /**
             * Properties of a SeedSlot.
             * @typedef {Object} metarena.v1.SeedSlot.$Properties
             * @property {number|null} [seed] SeedSlot seed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SeedSlot.
             * @memberof metarena.v1
             * @interface ISeedSlot
             * @augments metarena.v1.SeedSlot.$Properties
             * @deprecated Use metarena.v1.SeedSlot.$Properties instead.
             */

            /**
             * Shape of a SeedSlot.
             * @typedef {metarena.v1.SeedSlot.$Properties} metarena.v1.SeedSlot.$Shape
             */

            /**
             * Constructs a new SeedSlot.
             * @memberof metarena.v1
             * @classdesc Represents a SeedSlot.
             * @constructor
             * @param {metarena.v1.SeedSlot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SeedSlot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SeedSlot seed.
             * @member {number|null|undefined} seed
             * @memberof metarena.v1.SeedSlot
             * @instance
             */
            SeedSlot.prototype.seed = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SeedSlot.prototype, "_seed", {
                get: $util.oneOfGetter($oneOfFields = ["seed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SeedSlot instance using the specified properties.
             * @function create
             * @memberof metarena.v1.SeedSlot
             * @static
             * @param {metarena.v1.SeedSlot.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.SeedSlot} SeedSlot instance
             * @type {{
             *   (properties: metarena.v1.SeedSlot.$Shape): metarena.v1.SeedSlot & metarena.v1.SeedSlot.$Shape;
             *   (properties?: metarena.v1.SeedSlot.$Properties): metarena.v1.SeedSlot;
             * }}
             */
            SeedSlot.create = function(properties) {
                return new SeedSlot(properties);
            };

            /**
             * Encodes the specified SeedSlot message. Does not implicitly {@link metarena.v1.SeedSlot.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.SeedSlot
             * @static
             * @param {metarena.v1.SeedSlot.$Properties} m SeedSlot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SeedSlot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed"))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.seed);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SeedSlot message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.SeedSlot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.SeedSlot & metarena.v1.SeedSlot.$Shape} SeedSlot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SeedSlot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.SeedSlot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.seed = $num(r.uint64());
                            m._seed = "seed";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for SeedSlot
             * @function getTypeUrl
             * @memberof metarena.v1.SeedSlot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SeedSlot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.SeedSlot";
            };

            return SeedSlot;
        })();

        v1.ResetRequest = (function() {

            /**
             * Properties of a ResetRequest.
             * @typedef {Object} metarena.v1.ResetRequest.$Properties
             * @property {number|null} [env_handle] ResetRequest env_handle
             * @property {number|null} [seed] ResetRequest seed
             * @property {Array.<metarena.v1.SeedSlot.$Properties>|null} [seeds] ResetRequest seeds
             * @property {Array.<boolean>|null} [mask] ResetRequest mask
             * @property {metarena.v1.ContextValues.$Properties|null} [context] ResetRequest context
             * @property {Array.<metarena.v1.ContextSlot.$Properties>|null} [contexts] ResetRequest contexts
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ResetRequest.
             * @memberof metarena.v1
             * @interface IResetRequest
             * @augments metarena.v1.ResetRequest.$Properties
             * @deprecated Use metarena.v1.ResetRequest.$Properties instead.
             */

            /**
             * Shape of a ResetRequest.
             * @typedef {metarena.v1.ResetRequest.$Properties} metarena.v1.ResetRequest.$Shape
             */

            /**
             * Constructs a new ResetRequest.
             * @memberof metarena.v1
             * @classdesc Represents a ResetRequest.
             * @constructor
             * @param {metarena.v1.ResetRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ResetRequest = function (p) {
                this.seeds = [];
                this.mask = [];
                this.contexts = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ResetRequest env_handle.
             * @member {number} env_handle
             * @memberof metarena.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.env_handle = 0;

            /**
             * ResetRequest seed.
             * @member {number|null|undefined} seed
             * @memberof metarena.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.seed = null;

            /**
             * ResetRequest seeds.
             * @member {Array.<metarena.v1.SeedSlot.$Properties>} seeds
             * @memberof metarena.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.seeds = $util.emptyArray;

            /**
             * ResetRequest mask.
             * @member {Array.<boolean>} mask
             * @memberof metarena.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.mask = $util.emptyArray;

            /**
             * ResetRequest context.
             * @member {metarena.v1.ContextValues.$Properties|null|undefined} context
             * @memberof metarena.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.context = null;

            /**
             * ResetRequest contexts.
             * @member {Array.<metarena.v1.ContextSlot.$Properties>} contexts
             * @memberof metarena.v1.ResetRequest
             * @instance
             */
            ResetRequest.prototype.contexts = $util.emptyArray;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ResetRequest.prototype, "_seed", {
                get: $util.oneOfGetter($oneOfFields = ["seed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ResetRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ResetRequest
             * @static
             * @param {metarena.v1.ResetRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ResetRequest} ResetRequest instance
             * @type {{
             *   (properties: metarena.v1.ResetRequest.$Shape): metarena.v1.ResetRequest & metarena.v1.ResetRequest.$Shape;
             *   (properties?: metarena.v1.ResetRequest.$Properties): metarena.v1.ResetRequest;
             * }}
             */
            ResetRequest.create = function(properties) {
                return new ResetRequest(properties);
            };

            /**
             * Encodes the specified ResetRequest message. Does not implicitly {@link metarena.v1.ResetRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ResetRequest
             * @static
             * @param {metarena.v1.ResetRequest.$Properties} m ResetRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResetRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_handle != null && $Object.hasOwnProperty.call(m, "env_handle") && m.env_handle !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.env_handle);
                if (m.seed != null && $Object.hasOwnProperty.call(m, "seed"))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.seed);
                if (m.seeds != null && m.seeds.length) {
                    for (var i = 0; i < m.seeds.length; ++i)
                        $root.metarena.v1.SeedSlot.encode(m.seeds[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.mask != null && m.mask.length) {
                    w.uint32(/* id 4, wireType 2 =*/34).bools(m.mask);
                }
                if (m.context != null && $Object.hasOwnProperty.call(m, "context"))
                    $root.metarena.v1.ContextValues.encode(m.context, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.contexts != null && m.contexts.length) {
                    for (var i = 0; i < m.contexts.length; ++i)
                        $root.metarena.v1.ContextSlot.encode(m.contexts[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ResetRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ResetRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ResetRequest & metarena.v1.ResetRequest.$Shape} ResetRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResetRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ResetRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.env_handle = v;
                            else
                                delete m.env_handle;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            m.seed = $num(r.uint64());
                            m._seed = "seed";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.seeds && m.seeds.length))
                                m.seeds = [];
                            m.seeds.push($root.metarena.v1.SeedSlot.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 4: {
                            if (u === 2) {
                                if (!(m.mask && m.mask.length))
                                    m.mask = [];
                                r.bools(m.mask);
                                continue;
                            }
                            if (u !== 0)
                                break;
                            if (!(m.mask && m.mask.length))
                                m.mask = [];
                            m.mask.push(r.bool());
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.context = $root.metarena.v1.ContextValues.decode(r, r.size(), $undefined, q + 1, m.context);
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.contexts && m.contexts.length))
                                m.contexts = [];
                            m.contexts.push($root.metarena.v1.ContextSlot.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ResetRequest
             * @function getTypeUrl
             * @memberof metarena.v1.ResetRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ResetRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ResetRequest";
            };

            return ResetRequest;
        })();

        v1.ResetResponse = (function() {

            /**
             * Properties of a ResetResponse.
             * @typedef {Object} metarena.v1.ResetResponse.$Properties
             * @property {metarena.v1.Value.$Properties|null} [obs] ResetResponse obs
             * @property {metarena.v1.Info.$Properties|null} [info] ResetResponse info
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ResetResponse.
             * @memberof metarena.v1
             * @interface IResetResponse
             * @augments metarena.v1.ResetResponse.$Properties
             * @deprecated Use metarena.v1.ResetResponse.$Properties instead.
             */

            /**
             * Shape of a ResetResponse.
             * @typedef {{
             *   obs?: metarena.v1.Value.$Shape|null;
             *   info?: metarena.v1.Info.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.ResetResponse.$Shape
             */

            /**
             * Constructs a new ResetResponse.
             * @memberof metarena.v1
             * @classdesc Represents a ResetResponse.
             * @constructor
             * @param {metarena.v1.ResetResponse.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ResetResponse = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ResetResponse obs.
             * @member {metarena.v1.Value.$Properties|null|undefined} obs
             * @memberof metarena.v1.ResetResponse
             * @instance
             */
            ResetResponse.prototype.obs = null;

            /**
             * ResetResponse info.
             * @member {metarena.v1.Info.$Properties|null|undefined} info
             * @memberof metarena.v1.ResetResponse
             * @instance
             */
            ResetResponse.prototype.info = null;

            /**
             * Creates a new ResetResponse instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ResetResponse
             * @static
             * @param {metarena.v1.ResetResponse.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ResetResponse} ResetResponse instance
             * @type {{
             *   (properties: metarena.v1.ResetResponse.$Shape): metarena.v1.ResetResponse & metarena.v1.ResetResponse.$Shape;
             *   (properties?: metarena.v1.ResetResponse.$Properties): metarena.v1.ResetResponse;
             * }}
             */
            ResetResponse.create = function(properties) {
                return new ResetResponse(properties);
            };

            /**
             * Encodes the specified ResetResponse message. Does not implicitly {@link metarena.v1.ResetResponse.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ResetResponse
             * @static
             * @param {metarena.v1.ResetResponse.$Properties} m ResetResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResetResponse.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.obs != null && $Object.hasOwnProperty.call(m, "obs"))
                    $root.metarena.v1.Value.encode(m.obs, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.info != null && $Object.hasOwnProperty.call(m, "info"))
                    $root.metarena.v1.Info.encode(m.info, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ResetResponse message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ResetResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ResetResponse & metarena.v1.ResetResponse.$Shape} ResetResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResetResponse.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ResetResponse();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.obs = $root.metarena.v1.Value.decode(r, r.size(), $undefined, q + 1, m.obs);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.info = $root.metarena.v1.Info.decode(r, r.size(), $undefined, q + 1, m.info);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ResetResponse
             * @function getTypeUrl
             * @memberof metarena.v1.ResetResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ResetResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ResetResponse";
            };

            return ResetResponse;
        })();

        v1.StepRequest = (function() {

            /**
             * Properties of a StepRequest.
             * @typedef {Object} metarena.v1.StepRequest.$Properties
             * @property {number|null} [env_handle] StepRequest env_handle
             * @property {metarena.v1.Value.$Properties|null} [actions] StepRequest actions
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StepRequest.
             * @memberof metarena.v1
             * @interface IStepRequest
             * @augments metarena.v1.StepRequest.$Properties
             * @deprecated Use metarena.v1.StepRequest.$Properties instead.
             */

            /**
             * Shape of a StepRequest.
             * @typedef {{
             *   env_handle?: number|null;
             *   actions?: metarena.v1.Value.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.StepRequest.$Shape
             */

            /**
             * Constructs a new StepRequest.
             * @memberof metarena.v1
             * @classdesc Represents a StepRequest.
             * @constructor
             * @param {metarena.v1.StepRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StepRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StepRequest env_handle.
             * @member {number} env_handle
             * @memberof metarena.v1.StepRequest
             * @instance
             */
            StepRequest.prototype.env_handle = 0;

            /**
             * StepRequest actions.
             * @member {metarena.v1.Value.$Properties|null|undefined} actions
             * @memberof metarena.v1.StepRequest
             * @instance
             */
            StepRequest.prototype.actions = null;

            /**
             * Creates a new StepRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.StepRequest
             * @static
             * @param {metarena.v1.StepRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.StepRequest} StepRequest instance
             * @type {{
             *   (properties: metarena.v1.StepRequest.$Shape): metarena.v1.StepRequest & metarena.v1.StepRequest.$Shape;
             *   (properties?: metarena.v1.StepRequest.$Properties): metarena.v1.StepRequest;
             * }}
             */
            StepRequest.create = function(properties) {
                return new StepRequest(properties);
            };

            /**
             * Encodes the specified StepRequest message. Does not implicitly {@link metarena.v1.StepRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.StepRequest
             * @static
             * @param {metarena.v1.StepRequest.$Properties} m StepRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StepRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_handle != null && $Object.hasOwnProperty.call(m, "env_handle") && m.env_handle !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.env_handle);
                if (m.actions != null && $Object.hasOwnProperty.call(m, "actions"))
                    $root.metarena.v1.Value.encode(m.actions, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a StepRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.StepRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.StepRequest & metarena.v1.StepRequest.$Shape} StepRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StepRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.StepRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.env_handle = v;
                            else
                                delete m.env_handle;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.actions = $root.metarena.v1.Value.decode(r, r.size(), $undefined, q + 1, m.actions);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for StepRequest
             * @function getTypeUrl
             * @memberof metarena.v1.StepRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StepRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.StepRequest";
            };

            return StepRequest;
        })();

        v1.StepResponse = (function() {

            /**
             * Properties of a StepResponse.
             * @typedef {Object} metarena.v1.StepResponse.$Properties
             * @property {metarena.v1.Value.$Properties|null} [obs] StepResponse obs
             * @property {metarena.v1.Tensor.$Properties|null} [rewards] StepResponse rewards
             * @property {metarena.v1.Tensor.$Properties|null} [terminated] StepResponse terminated
             * @property {metarena.v1.Tensor.$Properties|null} [truncated] StepResponse truncated
             * @property {metarena.v1.Info.$Properties|null} [info] StepResponse info
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StepResponse.
             * @memberof metarena.v1
             * @interface IStepResponse
             * @augments metarena.v1.StepResponse.$Properties
             * @deprecated Use metarena.v1.StepResponse.$Properties instead.
             */

            /**
             * Shape of a StepResponse.
             * @typedef {{
             *   obs?: metarena.v1.Value.$Shape|null;
             *   rewards?: metarena.v1.Tensor.$Shape|null;
             *   terminated?: metarena.v1.Tensor.$Shape|null;
             *   truncated?: metarena.v1.Tensor.$Shape|null;
             *   info?: metarena.v1.Info.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.StepResponse.$Shape
             */

            /**
             * Constructs a new StepResponse.
             * @memberof metarena.v1
             * @classdesc Represents a StepResponse.
             * @constructor
             * @param {metarena.v1.StepResponse.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StepResponse = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StepResponse obs.
             * @member {metarena.v1.Value.$Properties|null|undefined} obs
             * @memberof metarena.v1.StepResponse
             * @instance
             */
            StepResponse.prototype.obs = null;

            /**
             * StepResponse rewards.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} rewards
             * @memberof metarena.v1.StepResponse
             * @instance
             */
            StepResponse.prototype.rewards = null;

            /**
             * StepResponse terminated.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} terminated
             * @memberof metarena.v1.StepResponse
             * @instance
             */
            StepResponse.prototype.terminated = null;

            /**
             * StepResponse truncated.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} truncated
             * @memberof metarena.v1.StepResponse
             * @instance
             */
            StepResponse.prototype.truncated = null;

            /**
             * StepResponse info.
             * @member {metarena.v1.Info.$Properties|null|undefined} info
             * @memberof metarena.v1.StepResponse
             * @instance
             */
            StepResponse.prototype.info = null;

            /**
             * Creates a new StepResponse instance using the specified properties.
             * @function create
             * @memberof metarena.v1.StepResponse
             * @static
             * @param {metarena.v1.StepResponse.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.StepResponse} StepResponse instance
             * @type {{
             *   (properties: metarena.v1.StepResponse.$Shape): metarena.v1.StepResponse & metarena.v1.StepResponse.$Shape;
             *   (properties?: metarena.v1.StepResponse.$Properties): metarena.v1.StepResponse;
             * }}
             */
            StepResponse.create = function(properties) {
                return new StepResponse(properties);
            };

            /**
             * Encodes the specified StepResponse message. Does not implicitly {@link metarena.v1.StepResponse.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.StepResponse
             * @static
             * @param {metarena.v1.StepResponse.$Properties} m StepResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StepResponse.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.obs != null && $Object.hasOwnProperty.call(m, "obs"))
                    $root.metarena.v1.Value.encode(m.obs, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.rewards != null && $Object.hasOwnProperty.call(m, "rewards"))
                    $root.metarena.v1.Tensor.encode(m.rewards, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.terminated != null && $Object.hasOwnProperty.call(m, "terminated"))
                    $root.metarena.v1.Tensor.encode(m.terminated, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.truncated != null && $Object.hasOwnProperty.call(m, "truncated"))
                    $root.metarena.v1.Tensor.encode(m.truncated, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.info != null && $Object.hasOwnProperty.call(m, "info"))
                    $root.metarena.v1.Info.encode(m.info, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a StepResponse message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.StepResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.StepResponse & metarena.v1.StepResponse.$Shape} StepResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StepResponse.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.StepResponse();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.obs = $root.metarena.v1.Value.decode(r, r.size(), $undefined, q + 1, m.obs);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.rewards = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.rewards);
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.terminated = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.terminated);
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.truncated = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.truncated);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.info = $root.metarena.v1.Info.decode(r, r.size(), $undefined, q + 1, m.info);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for StepResponse
             * @function getTypeUrl
             * @memberof metarena.v1.StepResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StepResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.StepResponse";
            };

            return StepResponse;
        })();

        v1.CloseRequest = (function() {

            /**
             * Properties of a CloseRequest.
             * @typedef {Object} metarena.v1.CloseRequest.$Properties
             * @property {number|null} [env_handle] CloseRequest env_handle
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CloseRequest.
             * @memberof metarena.v1
             * @interface ICloseRequest
             * @augments metarena.v1.CloseRequest.$Properties
             * @deprecated Use metarena.v1.CloseRequest.$Properties instead.
             */

            /**
             * Shape of a CloseRequest.
             * @typedef {metarena.v1.CloseRequest.$Properties} metarena.v1.CloseRequest.$Shape
             */

            /**
             * Constructs a new CloseRequest.
             * @memberof metarena.v1
             * @classdesc Represents a CloseRequest.
             * @constructor
             * @param {metarena.v1.CloseRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CloseRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * CloseRequest env_handle.
             * @member {number} env_handle
             * @memberof metarena.v1.CloseRequest
             * @instance
             */
            CloseRequest.prototype.env_handle = 0;

            /**
             * Creates a new CloseRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.CloseRequest
             * @static
             * @param {metarena.v1.CloseRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.CloseRequest} CloseRequest instance
             * @type {{
             *   (properties: metarena.v1.CloseRequest.$Shape): metarena.v1.CloseRequest & metarena.v1.CloseRequest.$Shape;
             *   (properties?: metarena.v1.CloseRequest.$Properties): metarena.v1.CloseRequest;
             * }}
             */
            CloseRequest.create = function(properties) {
                return new CloseRequest(properties);
            };

            /**
             * Encodes the specified CloseRequest message. Does not implicitly {@link metarena.v1.CloseRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.CloseRequest
             * @static
             * @param {metarena.v1.CloseRequest.$Properties} m CloseRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CloseRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_handle != null && $Object.hasOwnProperty.call(m, "env_handle") && m.env_handle !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.env_handle);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a CloseRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.CloseRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.CloseRequest & metarena.v1.CloseRequest.$Shape} CloseRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CloseRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.CloseRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.env_handle = v;
                            else
                                delete m.env_handle;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for CloseRequest
             * @function getTypeUrl
             * @memberof metarena.v1.CloseRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CloseRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.CloseRequest";
            };

            return CloseRequest;
        })();

        v1.CloseResponse = (function() {

            /**
             * Properties of a CloseResponse.
             * @typedef {Object} metarena.v1.CloseResponse.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CloseResponse.
             * @memberof metarena.v1
             * @interface ICloseResponse
             * @augments metarena.v1.CloseResponse.$Properties
             * @deprecated Use metarena.v1.CloseResponse.$Properties instead.
             */

            /**
             * Shape of a CloseResponse.
             * @typedef {metarena.v1.CloseResponse.$Properties} metarena.v1.CloseResponse.$Shape
             */

            /**
             * Constructs a new CloseResponse.
             * @memberof metarena.v1
             * @classdesc Represents a CloseResponse.
             * @constructor
             * @param {metarena.v1.CloseResponse.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CloseResponse = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Creates a new CloseResponse instance using the specified properties.
             * @function create
             * @memberof metarena.v1.CloseResponse
             * @static
             * @param {metarena.v1.CloseResponse.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.CloseResponse} CloseResponse instance
             * @type {{
             *   (properties: metarena.v1.CloseResponse.$Shape): metarena.v1.CloseResponse & metarena.v1.CloseResponse.$Shape;
             *   (properties?: metarena.v1.CloseResponse.$Properties): metarena.v1.CloseResponse;
             * }}
             */
            CloseResponse.create = function(properties) {
                return new CloseResponse(properties);
            };

            /**
             * Encodes the specified CloseResponse message. Does not implicitly {@link metarena.v1.CloseResponse.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.CloseResponse
             * @static
             * @param {metarena.v1.CloseResponse.$Properties} m CloseResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CloseResponse.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a CloseResponse message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.CloseResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.CloseResponse & metarena.v1.CloseResponse.$Shape} CloseResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CloseResponse.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.CloseResponse();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    r.skipType(t & 7, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for CloseResponse
             * @function getTypeUrl
             * @memberof metarena.v1.CloseResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CloseResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.CloseResponse";
            };

            return CloseResponse;
        })();

        v1.DescribeRequest = (function() {

            /**
             * Properties of a DescribeRequest.
             * @typedef {Object} metarena.v1.DescribeRequest.$Properties
             * @property {number|null} [env_handle] DescribeRequest env_handle
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DescribeRequest.
             * @memberof metarena.v1
             * @interface IDescribeRequest
             * @augments metarena.v1.DescribeRequest.$Properties
             * @deprecated Use metarena.v1.DescribeRequest.$Properties instead.
             */

            /**
             * Shape of a DescribeRequest.
             * @typedef {metarena.v1.DescribeRequest.$Properties} metarena.v1.DescribeRequest.$Shape
             */

            /**
             * Constructs a new DescribeRequest.
             * @memberof metarena.v1
             * @classdesc Represents a DescribeRequest.
             * @constructor
             * @param {metarena.v1.DescribeRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DescribeRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DescribeRequest env_handle.
             * @member {number} env_handle
             * @memberof metarena.v1.DescribeRequest
             * @instance
             */
            DescribeRequest.prototype.env_handle = 0;

            /**
             * Creates a new DescribeRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DescribeRequest
             * @static
             * @param {metarena.v1.DescribeRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DescribeRequest} DescribeRequest instance
             * @type {{
             *   (properties: metarena.v1.DescribeRequest.$Shape): metarena.v1.DescribeRequest & metarena.v1.DescribeRequest.$Shape;
             *   (properties?: metarena.v1.DescribeRequest.$Properties): metarena.v1.DescribeRequest;
             * }}
             */
            DescribeRequest.create = function(properties) {
                return new DescribeRequest(properties);
            };

            /**
             * Encodes the specified DescribeRequest message. Does not implicitly {@link metarena.v1.DescribeRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DescribeRequest
             * @static
             * @param {metarena.v1.DescribeRequest.$Properties} m DescribeRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DescribeRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_handle != null && $Object.hasOwnProperty.call(m, "env_handle") && m.env_handle !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.env_handle);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DescribeRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DescribeRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DescribeRequest & metarena.v1.DescribeRequest.$Shape} DescribeRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DescribeRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DescribeRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.env_handle = v;
                            else
                                delete m.env_handle;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DescribeRequest
             * @function getTypeUrl
             * @memberof metarena.v1.DescribeRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DescribeRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DescribeRequest";
            };

            return DescribeRequest;
        })();

        v1.DescribeResponse = (function() {

            /**
             * Properties of a DescribeResponse.
             * @typedef {Object} metarena.v1.DescribeResponse.$Properties
             * @property {metarena.v1.EnvSpec.$Properties|null} [spec] DescribeResponse spec
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DescribeResponse.
             * @memberof metarena.v1
             * @interface IDescribeResponse
             * @augments metarena.v1.DescribeResponse.$Properties
             * @deprecated Use metarena.v1.DescribeResponse.$Properties instead.
             */

            /**
             * Shape of a DescribeResponse.
             * @typedef {{
             *   spec?: metarena.v1.EnvSpec.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.DescribeResponse.$Shape
             */

            /**
             * Constructs a new DescribeResponse.
             * @memberof metarena.v1
             * @classdesc Represents a DescribeResponse.
             * @constructor
             * @param {metarena.v1.DescribeResponse.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DescribeResponse = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DescribeResponse spec.
             * @member {metarena.v1.EnvSpec.$Properties|null|undefined} spec
             * @memberof metarena.v1.DescribeResponse
             * @instance
             */
            DescribeResponse.prototype.spec = null;

            /**
             * Creates a new DescribeResponse instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DescribeResponse
             * @static
             * @param {metarena.v1.DescribeResponse.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DescribeResponse} DescribeResponse instance
             * @type {{
             *   (properties: metarena.v1.DescribeResponse.$Shape): metarena.v1.DescribeResponse & metarena.v1.DescribeResponse.$Shape;
             *   (properties?: metarena.v1.DescribeResponse.$Properties): metarena.v1.DescribeResponse;
             * }}
             */
            DescribeResponse.create = function(properties) {
                return new DescribeResponse(properties);
            };

            /**
             * Encodes the specified DescribeResponse message. Does not implicitly {@link metarena.v1.DescribeResponse.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DescribeResponse
             * @static
             * @param {metarena.v1.DescribeResponse.$Properties} m DescribeResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DescribeResponse.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.spec != null && $Object.hasOwnProperty.call(m, "spec"))
                    $root.metarena.v1.EnvSpec.encode(m.spec, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DescribeResponse message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DescribeResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DescribeResponse & metarena.v1.DescribeResponse.$Shape} DescribeResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DescribeResponse.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DescribeResponse();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.spec = $root.metarena.v1.EnvSpec.decode(r, r.size(), $undefined, q + 1, m.spec);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DescribeResponse
             * @function getTypeUrl
             * @memberof metarena.v1.DescribeResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DescribeResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DescribeResponse";
            };

            return DescribeResponse;
        })();

        v1.Column = (function() {

            /**
             * Properties of a Column.
             * @typedef {Object} metarena.v1.Column.$Properties
             * @property {string|null} [key] Column key
             * @property {metarena.v1.Tensor.$Properties|null} [tensor] Column tensor
             * @property {metarena.v1.Info.$Properties|null} [info] Column info
             * @property {metarena.v1.Value.$Properties|null} [batch] Column batch
             * @property {string|null} [json] Column json
             * @property {metarena.v1.Tensor.$Properties|null} [mask] Column mask
             * @property {metarena.v1.Tensor.$Properties|null} [indices] Column indices
             * @property {"tensor"|"info"|"batch"|"json"} [data] Column data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Column.
             * @memberof metarena.v1
             * @interface IColumn
             * @augments metarena.v1.Column.$Properties
             * @deprecated Use metarena.v1.Column.$Properties instead.
             */

            /**
             * Narrowed shape of a Column.
             * @typedef {{
             *   key?: string|null;
             *   tensor?: metarena.v1.Tensor.$Shape|null;
             *   info?: metarena.v1.Info.$Shape|null;
             *   batch?: metarena.v1.Value.$Shape|null;
             *   json?: string|null;
             *   mask?: metarena.v1.Tensor.$Shape|null;
             *   indices?: metarena.v1.Tensor.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ data?: undefined; tensor?: null; info?: null; batch?: null; json?: null }|{ data?: "tensor"; tensor: metarena.v1.Tensor.$Shape; info?: null; batch?: null; json?: null }|{ data?: "info"; tensor?: null; info: metarena.v1.Info.$Shape; batch?: null; json?: null }|{ data?: "batch"; tensor?: null; info?: null; batch: metarena.v1.Value.$Shape; json?: null }|{ data?: "json"; tensor?: null; info?: null; batch?: null; json: string })
             * )} metarena.v1.Column.$Shape
             */

            /**
             * Constructs a new Column.
             * @memberof metarena.v1
             * @classdesc Represents a Column.
             * @constructor
             * @param {metarena.v1.Column.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Column = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Column key.
             * @member {string} key
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.key = "";

            /**
             * Column tensor.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} tensor
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.tensor = null;

            /**
             * Column info.
             * @member {metarena.v1.Info.$Properties|null|undefined} info
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.info = null;

            /**
             * Column batch.
             * @member {metarena.v1.Value.$Properties|null|undefined} batch
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.batch = null;

            /**
             * Column json.
             * @member {string|null|undefined} json
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.json = null;

            /**
             * Column mask.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} mask
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.mask = null;

            /**
             * Column indices.
             * @member {metarena.v1.Tensor.$Properties|null|undefined} indices
             * @memberof metarena.v1.Column
             * @instance
             */
            Column.prototype.indices = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Column data.
             * @member {"tensor"|"info"|"batch"|"json"|undefined} data
             * @memberof metarena.v1.Column
             * @instance
             */
            $Object.defineProperty(Column.prototype, "data", {
                get: $util.oneOfGetter($oneOfFields = ["tensor", "info", "batch", "json"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Column instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Column
             * @static
             * @param {metarena.v1.Column.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Column} Column instance
             * @type {{
             *   (properties: metarena.v1.Column.$Shape): metarena.v1.Column & metarena.v1.Column.$Shape;
             *   (properties?: metarena.v1.Column.$Properties): metarena.v1.Column;
             * }}
             */
            Column.create = function(properties) {
                return new Column(properties);
            };

            /**
             * Encodes the specified Column message. Does not implicitly {@link metarena.v1.Column.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Column
             * @static
             * @param {metarena.v1.Column.$Properties} m Column message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Column.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.key != null && $Object.hasOwnProperty.call(m, "key") && m.key !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.key);
                if (m.tensor != null && $Object.hasOwnProperty.call(m, "tensor"))
                    $root.metarena.v1.Tensor.encode(m.tensor, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.info != null && $Object.hasOwnProperty.call(m, "info"))
                    $root.metarena.v1.Info.encode(m.info, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.batch != null && $Object.hasOwnProperty.call(m, "batch"))
                    $root.metarena.v1.Value.encode(m.batch, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.json != null && $Object.hasOwnProperty.call(m, "json"))
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.json);
                if (m.mask != null && $Object.hasOwnProperty.call(m, "mask"))
                    $root.metarena.v1.Tensor.encode(m.mask, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.indices != null && $Object.hasOwnProperty.call(m, "indices"))
                    $root.metarena.v1.Tensor.encode(m.indices, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Column message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Column
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Column & metarena.v1.Column.$Shape} Column
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Column.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Column();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.key = v;
                            else
                                delete m.key;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.tensor = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.tensor);
                            m.data = "tensor";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.info = $root.metarena.v1.Info.decode(r, r.size(), $undefined, q + 1, m.info);
                            m.data = "info";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.batch = $root.metarena.v1.Value.decode(r, r.size(), $undefined, q + 1, m.batch);
                            m.data = "batch";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.json = r.stringVerify();
                            m.data = "json";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.mask = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.mask);
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.indices = $root.metarena.v1.Tensor.decode(r, r.size(), $undefined, q + 1, m.indices);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Column
             * @function getTypeUrl
             * @memberof metarena.v1.Column
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Column.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Column";
            };

            return Column;
        })();

        v1.Info = (function() {

            /**
             * Properties of an Info.
             * @typedef {Object} metarena.v1.Info.$Properties
             * @property {metarena.v1.Column.$Properties|null} [context] Info context
             * @property {metarena.v1.Column.$Properties|null} [trial] Info trial
             * @property {metarena.v1.Column.$Properties|null} [episode_in_trial] Info episode_in_trial
             * @property {metarena.v1.Column.$Properties|null} [episode] Info episode
             * @property {metarena.v1.Column.$Properties|null} [final_obs] Info final_obs
             * @property {metarena.v1.Column.$Properties|null} [final_info] Info final_info
             * @property {Array.<metarena.v1.Column.$Properties>|null} [extra] Info extra
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Info.
             * @memberof metarena.v1
             * @interface IInfo
             * @augments metarena.v1.Info.$Properties
             * @deprecated Use metarena.v1.Info.$Properties instead.
             */

            /**
             * Shape of an Info.
             * @typedef {{
             *   context?: metarena.v1.Column.$Shape|null;
             *   trial?: metarena.v1.Column.$Shape|null;
             *   episode_in_trial?: metarena.v1.Column.$Shape|null;
             *   episode?: metarena.v1.Column.$Shape|null;
             *   final_obs?: metarena.v1.Column.$Shape|null;
             *   final_info?: metarena.v1.Column.$Shape|null;
             *   extra?: Array.<metarena.v1.Column.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.Info.$Shape
             */

            /**
             * Constructs a new Info.
             * @memberof metarena.v1
             * @classdesc Represents an Info.
             * @constructor
             * @param {metarena.v1.Info.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Info = function (p) {
                this.extra = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Info context.
             * @member {metarena.v1.Column.$Properties|null|undefined} context
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.context = null;

            /**
             * Info trial.
             * @member {metarena.v1.Column.$Properties|null|undefined} trial
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.trial = null;

            /**
             * Info episode_in_trial.
             * @member {metarena.v1.Column.$Properties|null|undefined} episode_in_trial
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.episode_in_trial = null;

            /**
             * Info episode.
             * @member {metarena.v1.Column.$Properties|null|undefined} episode
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.episode = null;

            /**
             * Info final_obs.
             * @member {metarena.v1.Column.$Properties|null|undefined} final_obs
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.final_obs = null;

            /**
             * Info final_info.
             * @member {metarena.v1.Column.$Properties|null|undefined} final_info
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.final_info = null;

            /**
             * Info extra.
             * @member {Array.<metarena.v1.Column.$Properties>} extra
             * @memberof metarena.v1.Info
             * @instance
             */
            Info.prototype.extra = $util.emptyArray;

            /**
             * Creates a new Info instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Info
             * @static
             * @param {metarena.v1.Info.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Info} Info instance
             * @type {{
             *   (properties: metarena.v1.Info.$Shape): metarena.v1.Info & metarena.v1.Info.$Shape;
             *   (properties?: metarena.v1.Info.$Properties): metarena.v1.Info;
             * }}
             */
            Info.create = function(properties) {
                return new Info(properties);
            };

            /**
             * Encodes the specified Info message. Does not implicitly {@link metarena.v1.Info.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Info
             * @static
             * @param {metarena.v1.Info.$Properties} m Info message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Info.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.context != null && $Object.hasOwnProperty.call(m, "context"))
                    $root.metarena.v1.Column.encode(m.context, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.trial != null && $Object.hasOwnProperty.call(m, "trial"))
                    $root.metarena.v1.Column.encode(m.trial, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.episode_in_trial != null && $Object.hasOwnProperty.call(m, "episode_in_trial"))
                    $root.metarena.v1.Column.encode(m.episode_in_trial, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.episode != null && $Object.hasOwnProperty.call(m, "episode"))
                    $root.metarena.v1.Column.encode(m.episode, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.final_obs != null && $Object.hasOwnProperty.call(m, "final_obs"))
                    $root.metarena.v1.Column.encode(m.final_obs, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.final_info != null && $Object.hasOwnProperty.call(m, "final_info"))
                    $root.metarena.v1.Column.encode(m.final_info, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.extra != null && m.extra.length) {
                    for (var i = 0; i < m.extra.length; ++i)
                        $root.metarena.v1.Column.encode(m.extra[i], w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Info message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Info
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Info & metarena.v1.Info.$Shape} Info
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Info.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Info();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.context = $root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1, m.context);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.trial = $root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1, m.trial);
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.episode_in_trial = $root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1, m.episode_in_trial);
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.episode = $root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1, m.episode);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.final_obs = $root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1, m.final_obs);
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.final_info = $root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1, m.final_info);
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.extra && m.extra.length))
                                m.extra = [];
                            m.extra.push($root.metarena.v1.Column.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Info
             * @function getTypeUrl
             * @memberof metarena.v1.Info
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Info.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Info";
            };

            return Info;
        })();

        v1.ListEnvsRequest = (function() {

            /**
             * Properties of a ListEnvsRequest.
             * @typedef {Object} metarena.v1.ListEnvsRequest.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ListEnvsRequest.
             * @memberof metarena.v1
             * @interface IListEnvsRequest
             * @augments metarena.v1.ListEnvsRequest.$Properties
             * @deprecated Use metarena.v1.ListEnvsRequest.$Properties instead.
             */

            /**
             * Shape of a ListEnvsRequest.
             * @typedef {metarena.v1.ListEnvsRequest.$Properties} metarena.v1.ListEnvsRequest.$Shape
             */

            /**
             * Constructs a new ListEnvsRequest.
             * @memberof metarena.v1
             * @classdesc Represents a ListEnvsRequest.
             * @constructor
             * @param {metarena.v1.ListEnvsRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ListEnvsRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Creates a new ListEnvsRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ListEnvsRequest
             * @static
             * @param {metarena.v1.ListEnvsRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ListEnvsRequest} ListEnvsRequest instance
             * @type {{
             *   (properties: metarena.v1.ListEnvsRequest.$Shape): metarena.v1.ListEnvsRequest & metarena.v1.ListEnvsRequest.$Shape;
             *   (properties?: metarena.v1.ListEnvsRequest.$Properties): metarena.v1.ListEnvsRequest;
             * }}
             */
            ListEnvsRequest.create = function(properties) {
                return new ListEnvsRequest(properties);
            };

            /**
             * Encodes the specified ListEnvsRequest message. Does not implicitly {@link metarena.v1.ListEnvsRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ListEnvsRequest
             * @static
             * @param {metarena.v1.ListEnvsRequest.$Properties} m ListEnvsRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListEnvsRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ListEnvsRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ListEnvsRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ListEnvsRequest & metarena.v1.ListEnvsRequest.$Shape} ListEnvsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListEnvsRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ListEnvsRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    r.skipType(t & 7, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ListEnvsRequest
             * @function getTypeUrl
             * @memberof metarena.v1.ListEnvsRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ListEnvsRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ListEnvsRequest";
            };

            return ListEnvsRequest;
        })();

        v1.WrapperInfo = (function() {

            /**
             * Properties of a WrapperInfo.
             * @typedef {Object} metarena.v1.WrapperInfo.$Properties
             * @property {string|null} [id] WrapperInfo id
             * @property {string|null} [description] WrapperInfo description
             * @property {string|null} [args_schema_json] WrapperInfo args_schema_json
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WrapperInfo.
             * @memberof metarena.v1
             * @interface IWrapperInfo
             * @augments metarena.v1.WrapperInfo.$Properties
             * @deprecated Use metarena.v1.WrapperInfo.$Properties instead.
             */

            /**
             * Shape of a WrapperInfo.
             * @typedef {metarena.v1.WrapperInfo.$Properties} metarena.v1.WrapperInfo.$Shape
             */

            /**
             * Constructs a new WrapperInfo.
             * @memberof metarena.v1
             * @classdesc Represents a WrapperInfo.
             * @constructor
             * @param {metarena.v1.WrapperInfo.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const WrapperInfo = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * WrapperInfo id.
             * @member {string} id
             * @memberof metarena.v1.WrapperInfo
             * @instance
             */
            WrapperInfo.prototype.id = "";

            /**
             * WrapperInfo description.
             * @member {string} description
             * @memberof metarena.v1.WrapperInfo
             * @instance
             */
            WrapperInfo.prototype.description = "";

            /**
             * WrapperInfo args_schema_json.
             * @member {string} args_schema_json
             * @memberof metarena.v1.WrapperInfo
             * @instance
             */
            WrapperInfo.prototype.args_schema_json = "";

            /**
             * Creates a new WrapperInfo instance using the specified properties.
             * @function create
             * @memberof metarena.v1.WrapperInfo
             * @static
             * @param {metarena.v1.WrapperInfo.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.WrapperInfo} WrapperInfo instance
             * @type {{
             *   (properties: metarena.v1.WrapperInfo.$Shape): metarena.v1.WrapperInfo & metarena.v1.WrapperInfo.$Shape;
             *   (properties?: metarena.v1.WrapperInfo.$Properties): metarena.v1.WrapperInfo;
             * }}
             */
            WrapperInfo.create = function(properties) {
                return new WrapperInfo(properties);
            };

            /**
             * Encodes the specified WrapperInfo message. Does not implicitly {@link metarena.v1.WrapperInfo.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.WrapperInfo
             * @static
             * @param {metarena.v1.WrapperInfo.$Properties} m WrapperInfo message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WrapperInfo.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.description != null && $Object.hasOwnProperty.call(m, "description") && m.description !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.description);
                if (m.args_schema_json != null && $Object.hasOwnProperty.call(m, "args_schema_json") && m.args_schema_json !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.args_schema_json);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a WrapperInfo message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.WrapperInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.WrapperInfo & metarena.v1.WrapperInfo.$Shape} WrapperInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WrapperInfo.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.WrapperInfo();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.description = v;
                            else
                                delete m.description;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.args_schema_json = v;
                            else
                                delete m.args_schema_json;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for WrapperInfo
             * @function getTypeUrl
             * @memberof metarena.v1.WrapperInfo
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            WrapperInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.WrapperInfo";
            };

            return WrapperInfo;
        })();

        v1.ListEnvsResponse = (function() {

            /**
             * Properties of a ListEnvsResponse.
             * @typedef {Object} metarena.v1.ListEnvsResponse.$Properties
             * @property {Array.<metarena.v1.EnvSpec.$Properties>|null} [envs] ListEnvsResponse envs
             * @property {Array.<metarena.v1.WrapperInfo.$Properties>|null} [wrappers] ListEnvsResponse wrappers
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ListEnvsResponse.
             * @memberof metarena.v1
             * @interface IListEnvsResponse
             * @augments metarena.v1.ListEnvsResponse.$Properties
             * @deprecated Use metarena.v1.ListEnvsResponse.$Properties instead.
             */

            /**
             * Shape of a ListEnvsResponse.
             * @typedef {{
             *   envs?: Array.<metarena.v1.EnvSpec.$Shape>|null;
             *   wrappers?: Array.<metarena.v1.WrapperInfo.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} metarena.v1.ListEnvsResponse.$Shape
             */

            /**
             * Constructs a new ListEnvsResponse.
             * @memberof metarena.v1
             * @classdesc Represents a ListEnvsResponse.
             * @constructor
             * @param {metarena.v1.ListEnvsResponse.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ListEnvsResponse = function (p) {
                this.envs = [];
                this.wrappers = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ListEnvsResponse envs.
             * @member {Array.<metarena.v1.EnvSpec.$Properties>} envs
             * @memberof metarena.v1.ListEnvsResponse
             * @instance
             */
            ListEnvsResponse.prototype.envs = $util.emptyArray;

            /**
             * ListEnvsResponse wrappers.
             * @member {Array.<metarena.v1.WrapperInfo.$Properties>} wrappers
             * @memberof metarena.v1.ListEnvsResponse
             * @instance
             */
            ListEnvsResponse.prototype.wrappers = $util.emptyArray;

            /**
             * Creates a new ListEnvsResponse instance using the specified properties.
             * @function create
             * @memberof metarena.v1.ListEnvsResponse
             * @static
             * @param {metarena.v1.ListEnvsResponse.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.ListEnvsResponse} ListEnvsResponse instance
             * @type {{
             *   (properties: metarena.v1.ListEnvsResponse.$Shape): metarena.v1.ListEnvsResponse & metarena.v1.ListEnvsResponse.$Shape;
             *   (properties?: metarena.v1.ListEnvsResponse.$Properties): metarena.v1.ListEnvsResponse;
             * }}
             */
            ListEnvsResponse.create = function(properties) {
                return new ListEnvsResponse(properties);
            };

            /**
             * Encodes the specified ListEnvsResponse message. Does not implicitly {@link metarena.v1.ListEnvsResponse.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.ListEnvsResponse
             * @static
             * @param {metarena.v1.ListEnvsResponse.$Properties} m ListEnvsResponse message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListEnvsResponse.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.envs != null && m.envs.length) {
                    for (var i = 0; i < m.envs.length; ++i)
                        $root.metarena.v1.EnvSpec.encode(m.envs[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.wrappers != null && m.wrappers.length) {
                    for (var i = 0; i < m.wrappers.length; ++i)
                        $root.metarena.v1.WrapperInfo.encode(m.wrappers[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ListEnvsResponse message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.ListEnvsResponse
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.ListEnvsResponse & metarena.v1.ListEnvsResponse.$Shape} ListEnvsResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListEnvsResponse.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.ListEnvsResponse();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.envs && m.envs.length))
                                m.envs = [];
                            m.envs.push($root.metarena.v1.EnvSpec.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.wrappers && m.wrappers.length))
                                m.wrappers = [];
                            m.wrappers.push($root.metarena.v1.WrapperInfo.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for ListEnvsResponse
             * @function getTypeUrl
             * @memberof metarena.v1.ListEnvsResponse
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ListEnvsResponse.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.ListEnvsResponse";
            };

            return ListEnvsResponse;
        })();

        v1.DescribeEnvRequest = (function() {

            /**
             * Properties of a DescribeEnvRequest.
             * @typedef {Object} metarena.v1.DescribeEnvRequest.$Properties
             * @property {string|null} [env_id] DescribeEnvRequest env_id
             * @property {string|null} [args_json] DescribeEnvRequest args_json
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DescribeEnvRequest.
             * @memberof metarena.v1
             * @interface IDescribeEnvRequest
             * @augments metarena.v1.DescribeEnvRequest.$Properties
             * @deprecated Use metarena.v1.DescribeEnvRequest.$Properties instead.
             */

            /**
             * Shape of a DescribeEnvRequest.
             * @typedef {metarena.v1.DescribeEnvRequest.$Properties} metarena.v1.DescribeEnvRequest.$Shape
             */

            /**
             * Constructs a new DescribeEnvRequest.
             * @memberof metarena.v1
             * @classdesc Represents a DescribeEnvRequest.
             * @constructor
             * @param {metarena.v1.DescribeEnvRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DescribeEnvRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DescribeEnvRequest env_id.
             * @member {string} env_id
             * @memberof metarena.v1.DescribeEnvRequest
             * @instance
             */
            DescribeEnvRequest.prototype.env_id = "";

            /**
             * DescribeEnvRequest args_json.
             * @member {string} args_json
             * @memberof metarena.v1.DescribeEnvRequest
             * @instance
             */
            DescribeEnvRequest.prototype.args_json = "";

            /**
             * Creates a new DescribeEnvRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.DescribeEnvRequest
             * @static
             * @param {metarena.v1.DescribeEnvRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.DescribeEnvRequest} DescribeEnvRequest instance
             * @type {{
             *   (properties: metarena.v1.DescribeEnvRequest.$Shape): metarena.v1.DescribeEnvRequest & metarena.v1.DescribeEnvRequest.$Shape;
             *   (properties?: metarena.v1.DescribeEnvRequest.$Properties): metarena.v1.DescribeEnvRequest;
             * }}
             */
            DescribeEnvRequest.create = function(properties) {
                return new DescribeEnvRequest(properties);
            };

            /**
             * Encodes the specified DescribeEnvRequest message. Does not implicitly {@link metarena.v1.DescribeEnvRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.DescribeEnvRequest
             * @static
             * @param {metarena.v1.DescribeEnvRequest.$Properties} m DescribeEnvRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DescribeEnvRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.env_id != null && $Object.hasOwnProperty.call(m, "env_id") && m.env_id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.env_id);
                if (m.args_json != null && $Object.hasOwnProperty.call(m, "args_json") && m.args_json !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.args_json);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a DescribeEnvRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.DescribeEnvRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.DescribeEnvRequest & metarena.v1.DescribeEnvRequest.$Shape} DescribeEnvRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DescribeEnvRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.DescribeEnvRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.env_id = v;
                            else
                                delete m.env_id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.args_json = v;
                            else
                                delete m.args_json;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for DescribeEnvRequest
             * @function getTypeUrl
             * @memberof metarena.v1.DescribeEnvRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DescribeEnvRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.DescribeEnvRequest";
            };

            return DescribeEnvRequest;
        })();

        v1.StatsRequest = (function() {

            /**
             * Properties of a StatsRequest.
             * @typedef {Object} metarena.v1.StatsRequest.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StatsRequest.
             * @memberof metarena.v1
             * @interface IStatsRequest
             * @augments metarena.v1.StatsRequest.$Properties
             * @deprecated Use metarena.v1.StatsRequest.$Properties instead.
             */

            /**
             * Shape of a StatsRequest.
             * @typedef {metarena.v1.StatsRequest.$Properties} metarena.v1.StatsRequest.$Shape
             */

            /**
             * Constructs a new StatsRequest.
             * @memberof metarena.v1
             * @classdesc Represents a StatsRequest.
             * @constructor
             * @param {metarena.v1.StatsRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StatsRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Creates a new StatsRequest instance using the specified properties.
             * @function create
             * @memberof metarena.v1.StatsRequest
             * @static
             * @param {metarena.v1.StatsRequest.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.StatsRequest} StatsRequest instance
             * @type {{
             *   (properties: metarena.v1.StatsRequest.$Shape): metarena.v1.StatsRequest & metarena.v1.StatsRequest.$Shape;
             *   (properties?: metarena.v1.StatsRequest.$Properties): metarena.v1.StatsRequest;
             * }}
             */
            StatsRequest.create = function(properties) {
                return new StatsRequest(properties);
            };

            /**
             * Encodes the specified StatsRequest message. Does not implicitly {@link metarena.v1.StatsRequest.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.StatsRequest
             * @static
             * @param {metarena.v1.StatsRequest.$Properties} m StatsRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatsRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a StatsRequest message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.StatsRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.StatsRequest & metarena.v1.StatsRequest.$Shape} StatsRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatsRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.StatsRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    r.skipType(t & 7, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for StatsRequest
             * @function getTypeUrl
             * @memberof metarena.v1.StatsRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StatsRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.StatsRequest";
            };

            return StatsRequest;
        })();

        v1.Stats = (function() {

            /**
             * Properties of a Stats.
             * @typedef {Object} metarena.v1.Stats.$Properties
             * @property {number|null} [sessions] Stats sessions
             * @property {number|null} [vector_envs] Stats vector_envs
             * @property {number|null} [envs] Stats envs
             * @property {number|null} [sessions_total] Stats sessions_total
             * @property {number|null} [requests_total] Stats requests_total
             * @property {number|null} [errors_total] Stats errors_total
             * @property {number|null} [rss_bytes] Stats rss_bytes
             * @property {number|null} [heap_used_bytes] Stats heap_used_bytes
             * @property {number|null} [uptime_seconds] Stats uptime_seconds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Stats.
             * @memberof metarena.v1
             * @interface IStats
             * @augments metarena.v1.Stats.$Properties
             * @deprecated Use metarena.v1.Stats.$Properties instead.
             */

            /**
             * Shape of a Stats.
             * @typedef {metarena.v1.Stats.$Properties} metarena.v1.Stats.$Shape
             */

            /**
             * Constructs a new Stats.
             * @memberof metarena.v1
             * @classdesc Represents a Stats.
             * @constructor
             * @param {metarena.v1.Stats.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Stats = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Stats sessions.
             * @member {number} sessions
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.sessions = 0;

            /**
             * Stats vector_envs.
             * @member {number} vector_envs
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.vector_envs = 0;

            /**
             * Stats envs.
             * @member {number} envs
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.envs = 0;

            /**
             * Stats sessions_total.
             * @member {number} sessions_total
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.sessions_total = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Stats requests_total.
             * @member {number} requests_total
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.requests_total = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Stats errors_total.
             * @member {number} errors_total
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.errors_total = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Stats rss_bytes.
             * @member {number} rss_bytes
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.rss_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Stats heap_used_bytes.
             * @member {number} heap_used_bytes
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.heap_used_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Stats uptime_seconds.
             * @member {number} uptime_seconds
             * @memberof metarena.v1.Stats
             * @instance
             */
            Stats.prototype.uptime_seconds = 0;

            /**
             * Creates a new Stats instance using the specified properties.
             * @function create
             * @memberof metarena.v1.Stats
             * @static
             * @param {metarena.v1.Stats.$Properties=} [properties] Properties to set
             * @returns {metarena.v1.Stats} Stats instance
             * @type {{
             *   (properties: metarena.v1.Stats.$Shape): metarena.v1.Stats & metarena.v1.Stats.$Shape;
             *   (properties?: metarena.v1.Stats.$Properties): metarena.v1.Stats;
             * }}
             */
            Stats.create = function(properties) {
                return new Stats(properties);
            };

            /**
             * Encodes the specified Stats message. Does not implicitly {@link metarena.v1.Stats.verify|verify} messages.
             * @function encode
             * @memberof metarena.v1.Stats
             * @static
             * @param {metarena.v1.Stats.$Properties} m Stats message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Stats.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sessions != null && $Object.hasOwnProperty.call(m, "sessions") && m.sessions !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.sessions);
                if (m.vector_envs != null && $Object.hasOwnProperty.call(m, "vector_envs") && m.vector_envs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.vector_envs);
                if (m.envs != null && $Object.hasOwnProperty.call(m, "envs") && m.envs !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.envs);
                if (m.sessions_total != null && $Object.hasOwnProperty.call(m, "sessions_total") && (typeof m.sessions_total === "object" ? m.sessions_total.low || m.sessions_total.high : m.sessions_total !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.sessions_total);
                if (m.requests_total != null && $Object.hasOwnProperty.call(m, "requests_total") && (typeof m.requests_total === "object" ? m.requests_total.low || m.requests_total.high : m.requests_total !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).uint64(m.requests_total);
                if (m.errors_total != null && $Object.hasOwnProperty.call(m, "errors_total") && (typeof m.errors_total === "object" ? m.errors_total.low || m.errors_total.high : m.errors_total !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.errors_total);
                if (m.rss_bytes != null && $Object.hasOwnProperty.call(m, "rss_bytes") && (typeof m.rss_bytes === "object" ? m.rss_bytes.low || m.rss_bytes.high : m.rss_bytes !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).uint64(m.rss_bytes);
                if (m.heap_used_bytes != null && $Object.hasOwnProperty.call(m, "heap_used_bytes") && (typeof m.heap_used_bytes === "object" ? m.heap_used_bytes.low || m.heap_used_bytes.high : m.heap_used_bytes !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).uint64(m.heap_used_bytes);
                if (m.uptime_seconds != null && $Object.hasOwnProperty.call(m, "uptime_seconds") && !$Object.is(m.uptime_seconds, 0))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.uptime_seconds);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Stats message from the specified reader or buffer.
             * @function decode
             * @memberof metarena.v1.Stats
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {metarena.v1.Stats & metarena.v1.Stats.$Shape} Stats
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Stats.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.metarena.v1.Stats();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.sessions = v;
                            else
                                delete m.sessions;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.vector_envs = v;
                            else
                                delete m.vector_envs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.envs = v;
                            else
                                delete m.envs;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.sessions_total = v;
                            else
                                delete m.sessions_total;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.requests_total = v;
                            else
                                delete m.requests_total;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.errors_total = v;
                            else
                                delete m.errors_total;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.rss_bytes = v;
                            else
                                delete m.rss_bytes;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = $num(r.uint64())) === "object" ? v.low || v.high : v !== 0)
                                m.heap_used_bytes = v;
                            else
                                delete m.heap_used_bytes;
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.uptime_seconds = v;
                            else
                                delete m.uptime_seconds;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Gets the type url for Stats
             * @function getTypeUrl
             * @memberof metarena.v1.Stats
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Stats.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/metarena.v1.Stats";
            };

            return Stats;
        })();

        return v1;
    })();

    return metarena;
})();

export {
  $root as default
};
