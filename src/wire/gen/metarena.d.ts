import * as $protobuf from "protobufjs";

export namespace metarena {

    namespace v1 {

        class Metarena extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Metarena;
            session: metarena.v1.Metarena.Session;
            listEnvs: metarena.v1.Metarena.ListEnvs;
            describeEnv: metarena.v1.Metarena.DescribeEnv;
            getStats: metarena.v1.Metarena.GetStats;
        }

        namespace Metarena {
            type SessionCallback = (error: (Error|null), response?: metarena.v1.Response) => void;
            type Session = {
              (request: metarena.v1.IRequest, callback: metarena.v1.Metarena.SessionCallback): void;
              (request: metarena.v1.IRequest): Promise<metarena.v1.Response>;
              readonly name: "Session";
              readonly path: "/metarena.v1.Metarena/Session";
              readonly requestType: "Request";
              readonly responseType: "Response";
              readonly requestStream: true;
              readonly responseStream: true;
            };
            type ListEnvsCallback = (error: (Error|null), response?: metarena.v1.ListEnvsResponse) => void;
            type ListEnvs = {
              (request: metarena.v1.IListEnvsRequest, callback: metarena.v1.Metarena.ListEnvsCallback): void;
              (request: metarena.v1.IListEnvsRequest): Promise<metarena.v1.ListEnvsResponse>;
              readonly name: "ListEnvs";
              readonly path: "/metarena.v1.Metarena/ListEnvs";
              readonly requestType: "ListEnvsRequest";
              readonly responseType: "ListEnvsResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
            type DescribeEnvCallback = (error: (Error|null), response?: metarena.v1.EnvSpec) => void;
            type DescribeEnv = {
              (request: metarena.v1.IDescribeEnvRequest, callback: metarena.v1.Metarena.DescribeEnvCallback): void;
              (request: metarena.v1.IDescribeEnvRequest): Promise<metarena.v1.EnvSpec>;
              readonly name: "DescribeEnv";
              readonly path: "/metarena.v1.Metarena/DescribeEnv";
              readonly requestType: "DescribeEnvRequest";
              readonly responseType: "EnvSpec";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
            type GetStatsCallback = (error: (Error|null), response?: metarena.v1.Stats) => void;
            type GetStats = {
              (request: metarena.v1.IStatsRequest, callback: metarena.v1.Metarena.GetStatsCallback): void;
              (request: metarena.v1.IStatsRequest): Promise<metarena.v1.Stats>;
              readonly name: "GetStats";
              readonly path: "/metarena.v1.Metarena/GetStats";
              readonly requestType: "StatsRequest";
              readonly responseType: "Stats";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
        }

        interface IRequest extends metarena.v1.Request.$Properties {
        }

        class Request {
            constructor(p?: metarena.v1.Request.$Properties);
            $unknowns?: Uint8Array[];
            id: number;
            make?: (metarena.v1.MakeRequest.$Properties|null);
            reset?: (metarena.v1.ResetRequest.$Properties|null);
            step?: (metarena.v1.StepRequest.$Properties|null);
            close?: (metarena.v1.CloseRequest.$Properties|null);
            describe?: (metarena.v1.DescribeRequest.$Properties|null);
            payload?: ("make"|"reset"|"step"|"close"|"describe");
            static create(properties: metarena.v1.Request.$Shape): metarena.v1.Request & metarena.v1.Request.$Shape;
            static create(properties?: metarena.v1.Request.$Properties): metarena.v1.Request;
            static encode(m: metarena.v1.Request.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Request & metarena.v1.Request.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Request {
            interface $Properties {
                id?: (number|null);
                make?: (metarena.v1.MakeRequest.$Properties|null);
                reset?: (metarena.v1.ResetRequest.$Properties|null);
                step?: (metarena.v1.StepRequest.$Properties|null);
                close?: (metarena.v1.CloseRequest.$Properties|null);
                describe?: (metarena.v1.DescribeRequest.$Properties|null);
                payload?: ("make"|"reset"|"step"|"close"|"describe");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: number|null;
              make?: metarena.v1.MakeRequest.$Shape|null;
              reset?: metarena.v1.ResetRequest.$Shape|null;
              step?: metarena.v1.StepRequest.$Shape|null;
              close?: metarena.v1.CloseRequest.$Shape|null;
              describe?: metarena.v1.DescribeRequest.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; make?: null; reset?: null; step?: null; close?: null; describe?: null }|{ payload?: "make"; make: metarena.v1.MakeRequest.$Shape; reset?: null; step?: null; close?: null; describe?: null }|{ payload?: "reset"; make?: null; reset: metarena.v1.ResetRequest.$Shape; step?: null; close?: null; describe?: null }|{ payload?: "step"; make?: null; reset?: null; step: metarena.v1.StepRequest.$Shape; close?: null; describe?: null }|{ payload?: "close"; make?: null; reset?: null; step?: null; close: metarena.v1.CloseRequest.$Shape; describe?: null }|{ payload?: "describe"; make?: null; reset?: null; step?: null; close?: null; describe: metarena.v1.DescribeRequest.$Shape })
            );
        }

        interface IResponse extends metarena.v1.Response.$Properties {
        }

        class Response {
            constructor(p?: metarena.v1.Response.$Properties);
            $unknowns?: Uint8Array[];
            id: number;
            make?: (metarena.v1.MakeResponse.$Properties|null);
            reset?: (metarena.v1.ResetResponse.$Properties|null);
            step?: (metarena.v1.StepResponse.$Properties|null);
            close?: (metarena.v1.CloseResponse.$Properties|null);
            describe?: (metarena.v1.DescribeResponse.$Properties|null);
            error?: (metarena.v1.Error.$Properties|null);
            payload?: ("make"|"reset"|"step"|"close"|"describe"|"error");
            static create(properties: metarena.v1.Response.$Shape): metarena.v1.Response & metarena.v1.Response.$Shape;
            static create(properties?: metarena.v1.Response.$Properties): metarena.v1.Response;
            static encode(m: metarena.v1.Response.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Response & metarena.v1.Response.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Response {
            interface $Properties {
                id?: (number|null);
                make?: (metarena.v1.MakeResponse.$Properties|null);
                reset?: (metarena.v1.ResetResponse.$Properties|null);
                step?: (metarena.v1.StepResponse.$Properties|null);
                close?: (metarena.v1.CloseResponse.$Properties|null);
                describe?: (metarena.v1.DescribeResponse.$Properties|null);
                error?: (metarena.v1.Error.$Properties|null);
                payload?: ("make"|"reset"|"step"|"close"|"describe"|"error");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: number|null;
              make?: metarena.v1.MakeResponse.$Shape|null;
              reset?: metarena.v1.ResetResponse.$Shape|null;
              step?: metarena.v1.StepResponse.$Shape|null;
              close?: metarena.v1.CloseResponse.$Shape|null;
              describe?: metarena.v1.DescribeResponse.$Shape|null;
              error?: metarena.v1.Error.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; make?: null; reset?: null; step?: null; close?: null; describe?: null; error?: null }|{ payload?: "make"; make: metarena.v1.MakeResponse.$Shape; reset?: null; step?: null; close?: null; describe?: null; error?: null }|{ payload?: "reset"; make?: null; reset: metarena.v1.ResetResponse.$Shape; step?: null; close?: null; describe?: null; error?: null }|{ payload?: "step"; make?: null; reset?: null; step: metarena.v1.StepResponse.$Shape; close?: null; describe?: null; error?: null }|{ payload?: "close"; make?: null; reset?: null; step?: null; close: metarena.v1.CloseResponse.$Shape; describe?: null; error?: null }|{ payload?: "describe"; make?: null; reset?: null; step?: null; close?: null; describe: metarena.v1.DescribeResponse.$Shape; error?: null }|{ payload?: "error"; make?: null; reset?: null; step?: null; close?: null; describe?: null; error: metarena.v1.Error.$Shape })
            );
        }

        interface IError extends metarena.v1.Error.$Properties {
        }

        class Error {
            constructor(p?: metarena.v1.Error.$Properties);
            $unknowns?: Uint8Array[];
            status: metarena.v1.Status;
            code: string;
            message: string;
            field: string;
            allowed: string;
            plugin: string;
            hook: string;
            static create(properties: metarena.v1.Error.$Shape): metarena.v1.Error & metarena.v1.Error.$Shape;
            static create(properties?: metarena.v1.Error.$Properties): metarena.v1.Error;
            static encode(m: metarena.v1.Error.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Error & metarena.v1.Error.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                status?: (metarena.v1.Status|null);
                code?: (string|null);
                message?: (string|null);
                field?: (string|null);
                allowed?: (string|null);
                plugin?: (string|null);
                hook?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.Error.$Properties;
        }

        enum Status {
            STATUS_UNSPECIFIED = 0,
            STATUS_CANCELLED = 1,
            STATUS_INVALID_ARGUMENT = 3,
            STATUS_DEADLINE_EXCEEDED = 4,
            STATUS_NOT_FOUND = 5,
            STATUS_ALREADY_EXISTS = 6,
            STATUS_PERMISSION_DENIED = 7,
            STATUS_RESOURCE_EXHAUSTED = 8,
            STATUS_FAILED_PRECONDITION = 9,
            STATUS_UNIMPLEMENTED = 12,
            STATUS_INTERNAL = 13,
            STATUS_UNAVAILABLE = 14,
            STATUS_UNAUTHENTICATED = 16
        }

        enum DType {
            DTYPE_UNSPECIFIED = 0,
            DTYPE_FLOAT32 = 1,
            DTYPE_FLOAT64 = 2,
            DTYPE_INT32 = 3,
            DTYPE_INT8 = 4,
            DTYPE_UINT8 = 5,
            DTYPE_BOOL = 6,
            DTYPE_INT64 = 7
        }

        interface ITensor extends metarena.v1.Tensor.$Properties {
        }

        class Tensor {
            constructor(p?: metarena.v1.Tensor.$Properties);
            $unknowns?: Uint8Array[];
            dtype: metarena.v1.DType;
            shape: number[];
            data: Uint8Array;
            static create(properties: metarena.v1.Tensor.$Shape): metarena.v1.Tensor & metarena.v1.Tensor.$Shape;
            static create(properties?: metarena.v1.Tensor.$Properties): metarena.v1.Tensor;
            static encode(m: metarena.v1.Tensor.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Tensor & metarena.v1.Tensor.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Tensor {
            interface $Properties {
                dtype?: (metarena.v1.DType|null);
                shape?: (number[]|null);
                data?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.Tensor.$Properties;
        }

        interface IValue extends metarena.v1.Value.$Properties {
        }

        class Value {
            constructor(p?: metarena.v1.Value.$Properties);
            $unknowns?: Uint8Array[];
            tensor?: (metarena.v1.Tensor.$Properties|null);
            dict?: (metarena.v1.DictValue.$Properties|null);
            tuple?: (metarena.v1.TupleValue.$Properties|null);
            kind?: ("tensor"|"dict"|"tuple");
            static create(properties: metarena.v1.Value.$Shape): metarena.v1.Value & metarena.v1.Value.$Shape;
            static create(properties?: metarena.v1.Value.$Properties): metarena.v1.Value;
            static encode(m: metarena.v1.Value.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Value & metarena.v1.Value.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Value {
            interface $Properties {
                tensor?: (metarena.v1.Tensor.$Properties|null);
                dict?: (metarena.v1.DictValue.$Properties|null);
                tuple?: (metarena.v1.TupleValue.$Properties|null);
                kind?: ("tensor"|"dict"|"tuple");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              tensor?: metarena.v1.Tensor.$Shape|null;
              dict?: metarena.v1.DictValue.$Shape|null;
              tuple?: metarena.v1.TupleValue.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; tensor?: null; dict?: null; tuple?: null }|{ kind?: "tensor"; tensor: metarena.v1.Tensor.$Shape; dict?: null; tuple?: null }|{ kind?: "dict"; tensor?: null; dict: metarena.v1.DictValue.$Shape; tuple?: null }|{ kind?: "tuple"; tensor?: null; dict?: null; tuple: metarena.v1.TupleValue.$Shape })
            );
        }

        interface IDictValue extends metarena.v1.DictValue.$Properties {
        }

        class DictValue {
            constructor(p?: metarena.v1.DictValue.$Properties);
            $unknowns?: Uint8Array[];
            entries: metarena.v1.DictValueEntry.$Properties[];
            static create(properties: metarena.v1.DictValue.$Shape): metarena.v1.DictValue & metarena.v1.DictValue.$Shape;
            static create(properties?: metarena.v1.DictValue.$Properties): metarena.v1.DictValue;
            static encode(m: metarena.v1.DictValue.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DictValue & metarena.v1.DictValue.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DictValue {
            interface $Properties {
                entries?: (metarena.v1.DictValueEntry.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              entries?: metarena.v1.DictValueEntry.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IDictValueEntry extends metarena.v1.DictValueEntry.$Properties {
        }

        class DictValueEntry {
            constructor(p?: metarena.v1.DictValueEntry.$Properties);
            $unknowns?: Uint8Array[];
            key: string;
            value?: (metarena.v1.Value.$Properties|null);
            static create(properties: metarena.v1.DictValueEntry.$Shape): metarena.v1.DictValueEntry & metarena.v1.DictValueEntry.$Shape;
            static create(properties?: metarena.v1.DictValueEntry.$Properties): metarena.v1.DictValueEntry;
            static encode(m: metarena.v1.DictValueEntry.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DictValueEntry & metarena.v1.DictValueEntry.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DictValueEntry {
            interface $Properties {
                key?: (string|null);
                value?: (metarena.v1.Value.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              key?: string|null;
              value?: metarena.v1.Value.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface ITupleValue extends metarena.v1.TupleValue.$Properties {
        }

        class TupleValue {
            constructor(p?: metarena.v1.TupleValue.$Properties);
            $unknowns?: Uint8Array[];
            items: metarena.v1.Value.$Properties[];
            static create(properties: metarena.v1.TupleValue.$Shape): metarena.v1.TupleValue & metarena.v1.TupleValue.$Shape;
            static create(properties?: metarena.v1.TupleValue.$Properties): metarena.v1.TupleValue;
            static encode(m: metarena.v1.TupleValue.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.TupleValue & metarena.v1.TupleValue.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace TupleValue {
            interface $Properties {
                items?: (metarena.v1.Value.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              items?: metarena.v1.Value.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface ISpace extends metarena.v1.Space.$Properties {
        }

        class Space {
            constructor(p?: metarena.v1.Space.$Properties);
            $unknowns?: Uint8Array[];
            box?: (metarena.v1.BoxSpace.$Properties|null);
            discrete?: (metarena.v1.DiscreteSpace.$Properties|null);
            multi_discrete?: (metarena.v1.MultiDiscreteSpace.$Properties|null);
            multi_binary?: (metarena.v1.MultiBinarySpace.$Properties|null);
            dict?: (metarena.v1.DictSpace.$Properties|null);
            tuple?: (metarena.v1.TupleSpace.$Properties|null);
            kind?: ("box"|"discrete"|"multi_discrete"|"multi_binary"|"dict"|"tuple");
            static create(properties: metarena.v1.Space.$Shape): metarena.v1.Space & metarena.v1.Space.$Shape;
            static create(properties?: metarena.v1.Space.$Properties): metarena.v1.Space;
            static encode(m: metarena.v1.Space.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Space & metarena.v1.Space.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Space {
            interface $Properties {
                box?: (metarena.v1.BoxSpace.$Properties|null);
                discrete?: (metarena.v1.DiscreteSpace.$Properties|null);
                multi_discrete?: (metarena.v1.MultiDiscreteSpace.$Properties|null);
                multi_binary?: (metarena.v1.MultiBinarySpace.$Properties|null);
                dict?: (metarena.v1.DictSpace.$Properties|null);
                tuple?: (metarena.v1.TupleSpace.$Properties|null);
                kind?: ("box"|"discrete"|"multi_discrete"|"multi_binary"|"dict"|"tuple");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              box?: metarena.v1.BoxSpace.$Shape|null;
              discrete?: metarena.v1.DiscreteSpace.$Shape|null;
              multi_discrete?: metarena.v1.MultiDiscreteSpace.$Shape|null;
              multi_binary?: metarena.v1.MultiBinarySpace.$Shape|null;
              dict?: metarena.v1.DictSpace.$Shape|null;
              tuple?: metarena.v1.TupleSpace.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; box?: null; discrete?: null; multi_discrete?: null; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "box"; box: metarena.v1.BoxSpace.$Shape; discrete?: null; multi_discrete?: null; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "discrete"; box?: null; discrete: metarena.v1.DiscreteSpace.$Shape; multi_discrete?: null; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "multi_discrete"; box?: null; discrete?: null; multi_discrete: metarena.v1.MultiDiscreteSpace.$Shape; multi_binary?: null; dict?: null; tuple?: null }|{ kind?: "multi_binary"; box?: null; discrete?: null; multi_discrete?: null; multi_binary: metarena.v1.MultiBinarySpace.$Shape; dict?: null; tuple?: null }|{ kind?: "dict"; box?: null; discrete?: null; multi_discrete?: null; multi_binary?: null; dict: metarena.v1.DictSpace.$Shape; tuple?: null }|{ kind?: "tuple"; box?: null; discrete?: null; multi_discrete?: null; multi_binary?: null; dict?: null; tuple: metarena.v1.TupleSpace.$Shape })
            );
        }

        interface IBoxSpace extends metarena.v1.BoxSpace.$Properties {
        }

        class BoxSpace {
            constructor(p?: metarena.v1.BoxSpace.$Properties);
            $unknowns?: Uint8Array[];
            shape: number[];
            dtype: metarena.v1.DType;
            low: number[];
            high: number[];
            static create(properties: metarena.v1.BoxSpace.$Shape): metarena.v1.BoxSpace & metarena.v1.BoxSpace.$Shape;
            static create(properties?: metarena.v1.BoxSpace.$Properties): metarena.v1.BoxSpace;
            static encode(m: metarena.v1.BoxSpace.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.BoxSpace & metarena.v1.BoxSpace.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace BoxSpace {
            interface $Properties {
                shape?: (number[]|null);
                dtype?: (metarena.v1.DType|null);
                low?: (number[]|null);
                high?: (number[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.BoxSpace.$Properties;
        }

        interface IDiscreteSpace extends metarena.v1.DiscreteSpace.$Properties {
        }

        class DiscreteSpace {
            constructor(p?: metarena.v1.DiscreteSpace.$Properties);
            $unknowns?: Uint8Array[];
            n: number;
            start: number;
            static create(properties: metarena.v1.DiscreteSpace.$Shape): metarena.v1.DiscreteSpace & metarena.v1.DiscreteSpace.$Shape;
            static create(properties?: metarena.v1.DiscreteSpace.$Properties): metarena.v1.DiscreteSpace;
            static encode(m: metarena.v1.DiscreteSpace.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DiscreteSpace & metarena.v1.DiscreteSpace.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DiscreteSpace {
            interface $Properties {
                n?: (number|null);
                start?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.DiscreteSpace.$Properties;
        }

        interface IMultiDiscreteSpace extends metarena.v1.MultiDiscreteSpace.$Properties {
        }

        class MultiDiscreteSpace {
            constructor(p?: metarena.v1.MultiDiscreteSpace.$Properties);
            $unknowns?: Uint8Array[];
            nvec: number[];
            start: number[];
            static create(properties: metarena.v1.MultiDiscreteSpace.$Shape): metarena.v1.MultiDiscreteSpace & metarena.v1.MultiDiscreteSpace.$Shape;
            static create(properties?: metarena.v1.MultiDiscreteSpace.$Properties): metarena.v1.MultiDiscreteSpace;
            static encode(m: metarena.v1.MultiDiscreteSpace.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.MultiDiscreteSpace & metarena.v1.MultiDiscreteSpace.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MultiDiscreteSpace {
            interface $Properties {
                nvec?: (number[]|null);
                start?: (number[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.MultiDiscreteSpace.$Properties;
        }

        interface IMultiBinarySpace extends metarena.v1.MultiBinarySpace.$Properties {
        }

        class MultiBinarySpace {
            constructor(p?: metarena.v1.MultiBinarySpace.$Properties);
            $unknowns?: Uint8Array[];
            shape: number[];
            static create(properties: metarena.v1.MultiBinarySpace.$Shape): metarena.v1.MultiBinarySpace & metarena.v1.MultiBinarySpace.$Shape;
            static create(properties?: metarena.v1.MultiBinarySpace.$Properties): metarena.v1.MultiBinarySpace;
            static encode(m: metarena.v1.MultiBinarySpace.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.MultiBinarySpace & metarena.v1.MultiBinarySpace.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MultiBinarySpace {
            interface $Properties {
                shape?: (number[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.MultiBinarySpace.$Properties;
        }

        interface IDictSpace extends metarena.v1.DictSpace.$Properties {
        }

        class DictSpace {
            constructor(p?: metarena.v1.DictSpace.$Properties);
            $unknowns?: Uint8Array[];
            entries: metarena.v1.DictSpaceEntry.$Properties[];
            static create(properties: metarena.v1.DictSpace.$Shape): metarena.v1.DictSpace & metarena.v1.DictSpace.$Shape;
            static create(properties?: metarena.v1.DictSpace.$Properties): metarena.v1.DictSpace;
            static encode(m: metarena.v1.DictSpace.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DictSpace & metarena.v1.DictSpace.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DictSpace {
            interface $Properties {
                entries?: (metarena.v1.DictSpaceEntry.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              entries?: metarena.v1.DictSpaceEntry.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IDictSpaceEntry extends metarena.v1.DictSpaceEntry.$Properties {
        }

        class DictSpaceEntry {
            constructor(p?: metarena.v1.DictSpaceEntry.$Properties);
            $unknowns?: Uint8Array[];
            key: string;
            space?: (metarena.v1.Space.$Properties|null);
            static create(properties: metarena.v1.DictSpaceEntry.$Shape): metarena.v1.DictSpaceEntry & metarena.v1.DictSpaceEntry.$Shape;
            static create(properties?: metarena.v1.DictSpaceEntry.$Properties): metarena.v1.DictSpaceEntry;
            static encode(m: metarena.v1.DictSpaceEntry.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DictSpaceEntry & metarena.v1.DictSpaceEntry.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DictSpaceEntry {
            interface $Properties {
                key?: (string|null);
                space?: (metarena.v1.Space.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              key?: string|null;
              space?: metarena.v1.Space.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface ITupleSpace extends metarena.v1.TupleSpace.$Properties {
        }

        class TupleSpace {
            constructor(p?: metarena.v1.TupleSpace.$Properties);
            $unknowns?: Uint8Array[];
            spaces: metarena.v1.Space.$Properties[];
            static create(properties: metarena.v1.TupleSpace.$Shape): metarena.v1.TupleSpace & metarena.v1.TupleSpace.$Shape;
            static create(properties?: metarena.v1.TupleSpace.$Properties): metarena.v1.TupleSpace;
            static encode(m: metarena.v1.TupleSpace.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.TupleSpace & metarena.v1.TupleSpace.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace TupleSpace {
            interface $Properties {
                spaces?: (metarena.v1.Space.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              spaces?: metarena.v1.Space.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IContextFeature extends metarena.v1.ContextFeature.$Properties {
        }

        class ContextFeature {
            constructor(p?: metarena.v1.ContextFeature.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            default_value: number;
            lower: number;
            upper: number;
            unit: string;
            description: string;
            integer: boolean;
            static create(properties: metarena.v1.ContextFeature.$Shape): metarena.v1.ContextFeature & metarena.v1.ContextFeature.$Shape;
            static create(properties?: metarena.v1.ContextFeature.$Properties): metarena.v1.ContextFeature;
            static encode(m: metarena.v1.ContextFeature.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ContextFeature & metarena.v1.ContextFeature.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ContextFeature {
            interface $Properties {
                name?: (string|null);
                default_value?: (number|null);
                lower?: (number|null);
                upper?: (number|null);
                unit?: (string|null);
                description?: (string|null);
                integer?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.ContextFeature.$Properties;
        }

        enum AutoresetMode {
            AUTORESET_MODE_UNSPECIFIED = 0,
            AUTORESET_MODE_NEXT_STEP = 1,
            AUTORESET_MODE_SAME_STEP = 2,
            AUTORESET_MODE_DISABLED = 3
        }

        interface IEnvSpec extends metarena.v1.EnvSpec.$Properties {
        }

        class EnvSpec {
            constructor(p?: metarena.v1.EnvSpec.$Properties);
            $unknowns?: Uint8Array[];
            env_id: string;
            description: string;
            observation_space?: (metarena.v1.Space.$Properties|null);
            action_space?: (metarena.v1.Space.$Properties|null);
            context_features: metarena.v1.ContextFeature.$Properties[];
            max_episode_steps?: (number|null);
            num_envs: number;
            autoreset_mode: metarena.v1.AutoresetMode;
            episodes_per_trial: number;
            args_schema_json: string;
            static create(properties: metarena.v1.EnvSpec.$Shape): metarena.v1.EnvSpec & metarena.v1.EnvSpec.$Shape;
            static create(properties?: metarena.v1.EnvSpec.$Properties): metarena.v1.EnvSpec;
            static encode(m: metarena.v1.EnvSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.EnvSpec & metarena.v1.EnvSpec.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace EnvSpec {
            interface $Properties {
                env_id?: (string|null);
                description?: (string|null);
                observation_space?: (metarena.v1.Space.$Properties|null);
                action_space?: (metarena.v1.Space.$Properties|null);
                context_features?: (metarena.v1.ContextFeature.$Properties[]|null);
                max_episode_steps?: (number|null);
                num_envs?: (number|null);
                autoreset_mode?: (metarena.v1.AutoresetMode|null);
                episodes_per_trial?: (number|null);
                args_schema_json?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              env_id?: string|null;
              description?: string|null;
              observation_space?: metarena.v1.Space.$Shape|null;
              action_space?: metarena.v1.Space.$Shape|null;
              context_features?: metarena.v1.ContextFeature.$Shape[]|null;
              max_episode_steps?: number|null;
              num_envs?: number|null;
              autoreset_mode?: metarena.v1.AutoresetMode|null;
              episodes_per_trial?: number|null;
              args_schema_json?: string|null;
              $unknowns?: Uint8Array[];
            };
        }

        enum Split {
            SPLIT_UNSPECIFIED = 0,
            SPLIT_TRAIN = 1,
            SPLIT_TEST = 2
        }

        enum TaskOrder {
            TASK_ORDER_UNSPECIFIED = 0,
            TASK_ORDER_RANDOM = 1,
            TASK_ORDER_CYCLE = 2
        }

        interface IContextSampler extends metarena.v1.ContextSampler.$Properties {
        }

        class ContextSampler {
            constructor(p?: metarena.v1.ContextSampler.$Properties);
            $unknowns?: Uint8Array[];
            kind: string;
            params_json: string;
            static create(properties: metarena.v1.ContextSampler.$Shape): metarena.v1.ContextSampler & metarena.v1.ContextSampler.$Shape;
            static create(properties?: metarena.v1.ContextSampler.$Properties): metarena.v1.ContextSampler;
            static encode(m: metarena.v1.ContextSampler.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ContextSampler & metarena.v1.ContextSampler.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ContextSampler {
            interface $Properties {
                kind?: (string|null);
                params_json?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.ContextSampler.$Properties;
        }

        interface ISplitSizes extends metarena.v1.SplitSizes.$Properties {
        }

        class SplitSizes {
            constructor(p?: metarena.v1.SplitSizes.$Properties);
            $unknowns?: Uint8Array[];
            train?: (number|null);
            test?: (number|null);
            static create(properties: metarena.v1.SplitSizes.$Shape): metarena.v1.SplitSizes & metarena.v1.SplitSizes.$Shape;
            static create(properties?: metarena.v1.SplitSizes.$Properties): metarena.v1.SplitSizes;
            static encode(m: metarena.v1.SplitSizes.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.SplitSizes & metarena.v1.SplitSizes.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace SplitSizes {
            interface $Properties {
                train?: (number|null);
                test?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.SplitSizes.$Properties;
        }

        interface IWrapperSpec extends metarena.v1.WrapperSpec.$Properties {
        }

        class WrapperSpec {
            constructor(p?: metarena.v1.WrapperSpec.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            options_json: string;
            static create(properties: metarena.v1.WrapperSpec.$Shape): metarena.v1.WrapperSpec & metarena.v1.WrapperSpec.$Shape;
            static create(properties?: metarena.v1.WrapperSpec.$Properties): metarena.v1.WrapperSpec;
            static encode(m: metarena.v1.WrapperSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.WrapperSpec & metarena.v1.WrapperSpec.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace WrapperSpec {
            interface $Properties {
                id?: (string|null);
                options_json?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.WrapperSpec.$Properties;
        }

        interface IMakeRequest extends metarena.v1.MakeRequest.$Properties {
        }

        class MakeRequest {
            constructor(p?: metarena.v1.MakeRequest.$Properties);
            $unknowns?: Uint8Array[];
            env_id: string;
            num_envs: number;
            seed?: (number|null);
            args_json: string;
            context: { [k: string]: number };
            context_sampler?: (metarena.v1.ContextSampler.$Properties|null);
            split: metarena.v1.Split;
            split_sizes?: (metarena.v1.SplitSizes.$Properties|null);
            split_seed?: (number|null);
            task_order: metarena.v1.TaskOrder;
            episodes_per_trial?: (number|null);
            max_episode_steps?: (number|null);
            wrappers: metarena.v1.WrapperSpec.$Properties[];
            autoreset_mode: metarena.v1.AutoresetMode;
            static create(properties: metarena.v1.MakeRequest.$Shape): metarena.v1.MakeRequest & metarena.v1.MakeRequest.$Shape;
            static create(properties?: metarena.v1.MakeRequest.$Properties): metarena.v1.MakeRequest;
            static encode(m: metarena.v1.MakeRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.MakeRequest & metarena.v1.MakeRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MakeRequest {
            interface $Properties {
                env_id?: (string|null);
                num_envs?: (number|null);
                seed?: (number|null);
                args_json?: (string|null);
                context?: ({ [k: string]: number }|null);
                context_sampler?: (metarena.v1.ContextSampler.$Properties|null);
                split?: (metarena.v1.Split|null);
                split_sizes?: (metarena.v1.SplitSizes.$Properties|null);
                split_seed?: (number|null);
                task_order?: (metarena.v1.TaskOrder|null);
                episodes_per_trial?: (number|null);
                max_episode_steps?: (number|null);
                wrappers?: (metarena.v1.WrapperSpec.$Properties[]|null);
                autoreset_mode?: (metarena.v1.AutoresetMode|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.MakeRequest.$Properties;
        }

        interface IMakeResponse extends metarena.v1.MakeResponse.$Properties {
        }

        class MakeResponse {
            constructor(p?: metarena.v1.MakeResponse.$Properties);
            $unknowns?: Uint8Array[];
            env_handle: number;
            spec?: (metarena.v1.EnvSpec.$Properties|null);
            static create(properties: metarena.v1.MakeResponse.$Shape): metarena.v1.MakeResponse & metarena.v1.MakeResponse.$Shape;
            static create(properties?: metarena.v1.MakeResponse.$Properties): metarena.v1.MakeResponse;
            static encode(m: metarena.v1.MakeResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.MakeResponse & metarena.v1.MakeResponse.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace MakeResponse {
            interface $Properties {
                env_handle?: (number|null);
                spec?: (metarena.v1.EnvSpec.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              env_handle?: number|null;
              spec?: metarena.v1.EnvSpec.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IContextValues extends metarena.v1.ContextValues.$Properties {
        }

        class ContextValues {
            constructor(p?: metarena.v1.ContextValues.$Properties);
            $unknowns?: Uint8Array[];
            values: { [k: string]: number };
            static create(properties: metarena.v1.ContextValues.$Shape): metarena.v1.ContextValues & metarena.v1.ContextValues.$Shape;
            static create(properties?: metarena.v1.ContextValues.$Properties): metarena.v1.ContextValues;
            static encode(m: metarena.v1.ContextValues.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ContextValues & metarena.v1.ContextValues.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ContextValues {
            interface $Properties {
                values?: ({ [k: string]: number }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.ContextValues.$Properties;
        }

        interface IContextSlot extends metarena.v1.ContextSlot.$Properties {
        }

        class ContextSlot {
            constructor(p?: metarena.v1.ContextSlot.$Properties);
            $unknowns?: Uint8Array[];
            context?: (metarena.v1.ContextValues.$Properties|null);
            static create(properties: metarena.v1.ContextSlot.$Shape): metarena.v1.ContextSlot & metarena.v1.ContextSlot.$Shape;
            static create(properties?: metarena.v1.ContextSlot.$Properties): metarena.v1.ContextSlot;
            static encode(m: metarena.v1.ContextSlot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ContextSlot & metarena.v1.ContextSlot.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ContextSlot {
            interface $Properties {
                context?: (metarena.v1.ContextValues.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.ContextSlot.$Properties;
        }

        interface ISeedSlot extends metarena.v1.SeedSlot.$Properties {
        }

        class SeedSlot {
            constructor(p?: metarena.v1.SeedSlot.$Properties);
            $unknowns?: Uint8Array[];
            seed?: (number|null);
            static create(properties: metarena.v1.SeedSlot.$Shape): metarena.v1.SeedSlot & metarena.v1.SeedSlot.$Shape;
            static create(properties?: metarena.v1.SeedSlot.$Properties): metarena.v1.SeedSlot;
            static encode(m: metarena.v1.SeedSlot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.SeedSlot & metarena.v1.SeedSlot.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace SeedSlot {
            interface $Properties {
                seed?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.SeedSlot.$Properties;
        }

        interface IResetRequest extends metarena.v1.ResetRequest.$Properties {
        }

        class ResetRequest {
            constructor(p?: metarena.v1.ResetRequest.$Properties);
            $unknowns?: Uint8Array[];
            env_handle: number;
            seed?: (number|null);
            seeds: metarena.v1.SeedSlot.$Properties[];
            mask: boolean[];
            context?: (metarena.v1.ContextValues.$Properties|null);
            contexts: metarena.v1.ContextSlot.$Properties[];
            static create(properties: metarena.v1.ResetRequest.$Shape): metarena.v1.ResetRequest & metarena.v1.ResetRequest.$Shape;
            static create(properties?: metarena.v1.ResetRequest.$Properties): metarena.v1.ResetRequest;
            static encode(m: metarena.v1.ResetRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ResetRequest & metarena.v1.ResetRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ResetRequest {
            interface $Properties {
                env_handle?: (number|null);
                seed?: (number|null);
                seeds?: (metarena.v1.SeedSlot.$Properties[]|null);
                mask?: (boolean[]|null);
                context?: (metarena.v1.ContextValues.$Properties|null);
                contexts?: (metarena.v1.ContextSlot.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.ResetRequest.$Properties;
        }

        interface IResetResponse extends metarena.v1.ResetResponse.$Properties {
        }

        class ResetResponse {
            constructor(p?: metarena.v1.ResetResponse.$Properties);
            $unknowns?: Uint8Array[];
            obs?: (metarena.v1.Value.$Properties|null);
            info?: (metarena.v1.Info.$Properties|null);
            static create(properties: metarena.v1.ResetResponse.$Shape): metarena.v1.ResetResponse & metarena.v1.ResetResponse.$Shape;
            static create(properties?: metarena.v1.ResetResponse.$Properties): metarena.v1.ResetResponse;
            static encode(m: metarena.v1.ResetResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ResetResponse & metarena.v1.ResetResponse.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ResetResponse {
            interface $Properties {
                obs?: (metarena.v1.Value.$Properties|null);
                info?: (metarena.v1.Info.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              obs?: metarena.v1.Value.$Shape|null;
              info?: metarena.v1.Info.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IStepRequest extends metarena.v1.StepRequest.$Properties {
        }

        class StepRequest {
            constructor(p?: metarena.v1.StepRequest.$Properties);
            $unknowns?: Uint8Array[];
            env_handle: number;
            actions?: (metarena.v1.Value.$Properties|null);
            static create(properties: metarena.v1.StepRequest.$Shape): metarena.v1.StepRequest & metarena.v1.StepRequest.$Shape;
            static create(properties?: metarena.v1.StepRequest.$Properties): metarena.v1.StepRequest;
            static encode(m: metarena.v1.StepRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.StepRequest & metarena.v1.StepRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace StepRequest {
            interface $Properties {
                env_handle?: (number|null);
                actions?: (metarena.v1.Value.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              env_handle?: number|null;
              actions?: metarena.v1.Value.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IStepResponse extends metarena.v1.StepResponse.$Properties {
        }

        class StepResponse {
            constructor(p?: metarena.v1.StepResponse.$Properties);
            $unknowns?: Uint8Array[];
            obs?: (metarena.v1.Value.$Properties|null);
            rewards?: (metarena.v1.Tensor.$Properties|null);
            terminated?: (metarena.v1.Tensor.$Properties|null);
            truncated?: (metarena.v1.Tensor.$Properties|null);
            info?: (metarena.v1.Info.$Properties|null);
            static create(properties: metarena.v1.StepResponse.$Shape): metarena.v1.StepResponse & metarena.v1.StepResponse.$Shape;
            static create(properties?: metarena.v1.StepResponse.$Properties): metarena.v1.StepResponse;
            static encode(m: metarena.v1.StepResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.StepResponse & metarena.v1.StepResponse.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace StepResponse {
            interface $Properties {
                obs?: (metarena.v1.Value.$Properties|null);
                rewards?: (metarena.v1.Tensor.$Properties|null);
                terminated?: (metarena.v1.Tensor.$Properties|null);
                truncated?: (metarena.v1.Tensor.$Properties|null);
                info?: (metarena.v1.Info.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              obs?: metarena.v1.Value.$Shape|null;
              rewards?: metarena.v1.Tensor.$Shape|null;
              terminated?: metarena.v1.Tensor.$Shape|null;
              truncated?: metarena.v1.Tensor.$Shape|null;
              info?: metarena.v1.Info.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface ICloseRequest extends metarena.v1.CloseRequest.$Properties {
        }

        class CloseRequest {
            constructor(p?: metarena.v1.CloseRequest.$Properties);
            $unknowns?: Uint8Array[];
            env_handle: number;
            static create(properties: metarena.v1.CloseRequest.$Shape): metarena.v1.CloseRequest & metarena.v1.CloseRequest.$Shape;
            static create(properties?: metarena.v1.CloseRequest.$Properties): metarena.v1.CloseRequest;
            static encode(m: metarena.v1.CloseRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.CloseRequest & metarena.v1.CloseRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace CloseRequest {
            interface $Properties {
                env_handle?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.CloseRequest.$Properties;
        }

        interface ICloseResponse extends metarena.v1.CloseResponse.$Properties {
        }

        class CloseResponse {
            constructor(p?: metarena.v1.CloseResponse.$Properties);
            $unknowns?: Uint8Array[];
            static create(properties: metarena.v1.CloseResponse.$Shape): metarena.v1.CloseResponse & metarena.v1.CloseResponse.$Shape;
            static create(properties?: metarena.v1.CloseResponse.$Properties): metarena.v1.CloseResponse;
            static encode(m: metarena.v1.CloseResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.CloseResponse & metarena.v1.CloseResponse.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace CloseResponse {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.CloseResponse.$Properties;
        }

        interface IDescribeRequest extends metarena.v1.DescribeRequest.$Properties {
        }

        class DescribeRequest {
            constructor(p?: metarena.v1.DescribeRequest.$Properties);
            $unknowns?: Uint8Array[];
            env_handle: number;
            static create(properties: metarena.v1.DescribeRequest.$Shape): metarena.v1.DescribeRequest & metarena.v1.DescribeRequest.$Shape;
            static create(properties?: metarena.v1.DescribeRequest.$Properties): metarena.v1.DescribeRequest;
            static encode(m: metarena.v1.DescribeRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DescribeRequest & metarena.v1.DescribeRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DescribeRequest {
            interface $Properties {
                env_handle?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.DescribeRequest.$Properties;
        }

        interface IDescribeResponse extends metarena.v1.DescribeResponse.$Properties {
        }

        class DescribeResponse {
            constructor(p?: metarena.v1.DescribeResponse.$Properties);
            $unknowns?: Uint8Array[];
            spec?: (metarena.v1.EnvSpec.$Properties|null);
            static create(properties: metarena.v1.DescribeResponse.$Shape): metarena.v1.DescribeResponse & metarena.v1.DescribeResponse.$Shape;
            static create(properties?: metarena.v1.DescribeResponse.$Properties): metarena.v1.DescribeResponse;
            static encode(m: metarena.v1.DescribeResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DescribeResponse & metarena.v1.DescribeResponse.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DescribeResponse {
            interface $Properties {
                spec?: (metarena.v1.EnvSpec.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              spec?: metarena.v1.EnvSpec.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IColumn extends metarena.v1.Column.$Properties {
        }

        class Column {
            constructor(p?: metarena.v1.Column.$Properties);
            $unknowns?: Uint8Array[];
            key: string;
            tensor?: (metarena.v1.Tensor.$Properties|null);
            info?: (metarena.v1.Info.$Properties|null);
            batch?: (metarena.v1.Value.$Properties|null);
            json?: (string|null);
            mask?: (metarena.v1.Tensor.$Properties|null);
            indices?: (metarena.v1.Tensor.$Properties|null);
            data?: ("tensor"|"info"|"batch"|"json");
            static create(properties: metarena.v1.Column.$Shape): metarena.v1.Column & metarena.v1.Column.$Shape;
            static create(properties?: metarena.v1.Column.$Properties): metarena.v1.Column;
            static encode(m: metarena.v1.Column.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Column & metarena.v1.Column.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Column {
            interface $Properties {
                key?: (string|null);
                tensor?: (metarena.v1.Tensor.$Properties|null);
                info?: (metarena.v1.Info.$Properties|null);
                batch?: (metarena.v1.Value.$Properties|null);
                json?: (string|null);
                mask?: (metarena.v1.Tensor.$Properties|null);
                indices?: (metarena.v1.Tensor.$Properties|null);
                data?: ("tensor"|"info"|"batch"|"json");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              key?: string|null;
              tensor?: metarena.v1.Tensor.$Shape|null;
              info?: metarena.v1.Info.$Shape|null;
              batch?: metarena.v1.Value.$Shape|null;
              json?: string|null;
              mask?: metarena.v1.Tensor.$Shape|null;
              indices?: metarena.v1.Tensor.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ data?: undefined; tensor?: null; info?: null; batch?: null; json?: null }|{ data?: "tensor"; tensor: metarena.v1.Tensor.$Shape; info?: null; batch?: null; json?: null }|{ data?: "info"; tensor?: null; info: metarena.v1.Info.$Shape; batch?: null; json?: null }|{ data?: "batch"; tensor?: null; info?: null; batch: metarena.v1.Value.$Shape; json?: null }|{ data?: "json"; tensor?: null; info?: null; batch?: null; json: string })
            );
        }

        interface IInfo extends metarena.v1.Info.$Properties {
        }

        class Info {
            constructor(p?: metarena.v1.Info.$Properties);
            $unknowns?: Uint8Array[];
            context?: (metarena.v1.Column.$Properties|null);
            trial?: (metarena.v1.Column.$Properties|null);
            episode_in_trial?: (metarena.v1.Column.$Properties|null);
            episode?: (metarena.v1.Column.$Properties|null);
            final_obs?: (metarena.v1.Column.$Properties|null);
            final_info?: (metarena.v1.Column.$Properties|null);
            extra: metarena.v1.Column.$Properties[];
            static create(properties: metarena.v1.Info.$Shape): metarena.v1.Info & metarena.v1.Info.$Shape;
            static create(properties?: metarena.v1.Info.$Properties): metarena.v1.Info;
            static encode(m: metarena.v1.Info.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Info & metarena.v1.Info.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Info {
            interface $Properties {
                context?: (metarena.v1.Column.$Properties|null);
                trial?: (metarena.v1.Column.$Properties|null);
                episode_in_trial?: (metarena.v1.Column.$Properties|null);
                episode?: (metarena.v1.Column.$Properties|null);
                final_obs?: (metarena.v1.Column.$Properties|null);
                final_info?: (metarena.v1.Column.$Properties|null);
                extra?: (metarena.v1.Column.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              context?: metarena.v1.Column.$Shape|null;
              trial?: metarena.v1.Column.$Shape|null;
              episode_in_trial?: metarena.v1.Column.$Shape|null;
              episode?: metarena.v1.Column.$Shape|null;
              final_obs?: metarena.v1.Column.$Shape|null;
              final_info?: metarena.v1.Column.$Shape|null;
              extra?: metarena.v1.Column.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IListEnvsRequest extends metarena.v1.ListEnvsRequest.$Properties {
        }

        class ListEnvsRequest {
            constructor(p?: metarena.v1.ListEnvsRequest.$Properties);
            $unknowns?: Uint8Array[];
            static create(properties: metarena.v1.ListEnvsRequest.$Shape): metarena.v1.ListEnvsRequest & metarena.v1.ListEnvsRequest.$Shape;
            static create(properties?: metarena.v1.ListEnvsRequest.$Properties): metarena.v1.ListEnvsRequest;
            static encode(m: metarena.v1.ListEnvsRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ListEnvsRequest & metarena.v1.ListEnvsRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ListEnvsRequest {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.ListEnvsRequest.$Properties;
        }

        interface IWrapperInfo extends metarena.v1.WrapperInfo.$Properties {
        }

        class WrapperInfo {
            constructor(p?: metarena.v1.WrapperInfo.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            description: string;
            args_schema_json: string;
            static create(properties: metarena.v1.WrapperInfo.$Shape): metarena.v1.WrapperInfo & metarena.v1.WrapperInfo.$Shape;
            static create(properties?: metarena.v1.WrapperInfo.$Properties): metarena.v1.WrapperInfo;
            static encode(m: metarena.v1.WrapperInfo.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.WrapperInfo & metarena.v1.WrapperInfo.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace WrapperInfo {
            interface $Properties {
                id?: (string|null);
                description?: (string|null);
                args_schema_json?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.WrapperInfo.$Properties;
        }

        interface IListEnvsResponse extends metarena.v1.ListEnvsResponse.$Properties {
        }

        class ListEnvsResponse {
            constructor(p?: metarena.v1.ListEnvsResponse.$Properties);
            $unknowns?: Uint8Array[];
            envs: metarena.v1.EnvSpec.$Properties[];
            wrappers: metarena.v1.WrapperInfo.$Properties[];
            static create(properties: metarena.v1.ListEnvsResponse.$Shape): metarena.v1.ListEnvsResponse & metarena.v1.ListEnvsResponse.$Shape;
            static create(properties?: metarena.v1.ListEnvsResponse.$Properties): metarena.v1.ListEnvsResponse;
            static encode(m: metarena.v1.ListEnvsResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.ListEnvsResponse & metarena.v1.ListEnvsResponse.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace ListEnvsResponse {
            interface $Properties {
                envs?: (metarena.v1.EnvSpec.$Properties[]|null);
                wrappers?: (metarena.v1.WrapperInfo.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              envs?: metarena.v1.EnvSpec.$Shape[]|null;
              wrappers?: metarena.v1.WrapperInfo.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IDescribeEnvRequest extends metarena.v1.DescribeEnvRequest.$Properties {
        }

        class DescribeEnvRequest {
            constructor(p?: metarena.v1.DescribeEnvRequest.$Properties);
            $unknowns?: Uint8Array[];
            env_id: string;
            args_json: string;
            static create(properties: metarena.v1.DescribeEnvRequest.$Shape): metarena.v1.DescribeEnvRequest & metarena.v1.DescribeEnvRequest.$Shape;
            static create(properties?: metarena.v1.DescribeEnvRequest.$Properties): metarena.v1.DescribeEnvRequest;
            static encode(m: metarena.v1.DescribeEnvRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.DescribeEnvRequest & metarena.v1.DescribeEnvRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace DescribeEnvRequest {
            interface $Properties {
                env_id?: (string|null);
                args_json?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.DescribeEnvRequest.$Properties;
        }

        interface IStatsRequest extends metarena.v1.StatsRequest.$Properties {
        }

        class StatsRequest {
            constructor(p?: metarena.v1.StatsRequest.$Properties);
            $unknowns?: Uint8Array[];
            static create(properties: metarena.v1.StatsRequest.$Shape): metarena.v1.StatsRequest & metarena.v1.StatsRequest.$Shape;
            static create(properties?: metarena.v1.StatsRequest.$Properties): metarena.v1.StatsRequest;
            static encode(m: metarena.v1.StatsRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.StatsRequest & metarena.v1.StatsRequest.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace StatsRequest {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.StatsRequest.$Properties;
        }

        interface IStats extends metarena.v1.Stats.$Properties {
        }

        class Stats {
            constructor(p?: metarena.v1.Stats.$Properties);
            $unknowns?: Uint8Array[];
            sessions: number;
            vector_envs: number;
            envs: number;
            sessions_total: number;
            requests_total: number;
            errors_total: number;
            rss_bytes: number;
            heap_used_bytes: number;
            uptime_seconds: number;
            static create(properties: metarena.v1.Stats.$Shape): metarena.v1.Stats & metarena.v1.Stats.$Shape;
            static create(properties?: metarena.v1.Stats.$Properties): metarena.v1.Stats;
            static encode(m: metarena.v1.Stats.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): metarena.v1.Stats & metarena.v1.Stats.$Shape;
            static getTypeUrl(prefix?: string): string;
        }

        namespace Stats {
            interface $Properties {
                sessions?: (number|null);
                vector_envs?: (number|null);
                envs?: (number|null);
                sessions_total?: (number|null);
                requests_total?: (number|null);
                errors_total?: (number|null);
                rss_bytes?: (number|null);
                heap_used_bytes?: (number|null);
                uptime_seconds?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = metarena.v1.Stats.$Properties;
        }
    }
}
