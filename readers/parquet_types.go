package readers

import (
	"fmt"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// convKind says how a leaf's stored values become Arrow values.
type convKind int

const (
	convBool      convKind = iota
	convInt32              // int32 as is (also date32, time32[ms])
	convInt8               // int32 narrowed to int8
	convInt16              // int32 narrowed to int16
	convUint8              // int32 bits as uint8
	convUint16             // int32 bits as uint16
	convUint32             // int32 bits as uint32
	convInt64              // int64 as is (also timestamps, time64)
	convUint64             // int64 bits as uint64
	convInt96              // Impala/Spark INT96 timestamp, to microseconds
	convFloat32            // float
	convFloat64            // double
	convString             // byte array as a string
	convBinary             // byte array as binary
	convFixed              // fixed-length byte array as fixed_size_binary
	convFloat16            // 2-byte FLOAT16
	convDecimal32          // INT32 DECIMAL
	convDecimal64          // INT64 DECIMAL
	convDecimalBE          // big-endian two's complement bytes DECIMAL
	convInterval           // 12-byte INTERVAL: months, days, milliseconds
	convNull               // UNKNOWN (always null)
)

// leafType chooses the Arrow type of a primitive column: by its logical
// type, else its converted type, else its physical type.
func leafType(e *format.SchemaElement) (arrow.DataType, convKind, error) {
	phys := e.Type.V
	switch lt := e.LogicalType.Value.(type) {
	case *format.StringType, *format.EnumType, *format.JsonType:
		if phys == format.ByteArray {
			return arrow.BinaryTypes.String, convString, nil
		}
	case *format.BsonType:
		if phys == format.ByteArray {
			return arrow.BinaryTypes.Binary, convBinary, nil
		}
	case *format.UUIDType:
		if phys == format.FixedLenByteArray && e.TypeLength.V == 16 {
			return &arrow.FixedSizeBinaryType{ByteWidth: 16}, convFixed, nil
		}
	case *format.DateType:
		if phys == format.Int32 {
			return arrow.FixedWidthTypes.Date32, convInt32, nil
		}
	case *format.Float16Type:
		if phys == format.FixedLenByteArray && e.TypeLength.V == 2 {
			return arrow.FixedWidthTypes.Float16, convFloat16, nil
		}
	case *format.NullType:
		return arrow.Null, convNull, nil
	case *format.IntType:
		return intType(phys, int(lt.BitWidth), lt.IsSigned)
	case *format.DecimalType:
		return decimalType(phys, lt.Precision, lt.Scale)
	case *format.TimestampType:
		unit, ok := timeUnit(&lt.Unit)
		if phys == format.Int64 && ok {
			tz := ""
			if lt.IsAdjustedToUTC {
				tz = "UTC"
			}
			return &arrow.TimestampType{Unit: unit, TimeZone: tz}, convInt64, nil
		}
	case *format.TimeType:
		unit, ok := timeUnit(&lt.Unit)
		switch {
		case ok && unit == arrow.Millisecond && phys == format.Int32:
			return arrow.FixedWidthTypes.Time32ms, convInt32, nil
		case ok && unit != arrow.Millisecond && phys == format.Int64:
			return &arrow.Time64Type{Unit: unit}, convInt64, nil
		}
	}
	if e.LogicalType.Value == nil && e.ConvertedType.Valid {
		if dt, conv, ok := convertedType(e); ok {
			return dt, conv, nil
		}
	}
	return physicalType(e)
}

// convertedType maps the legacy annotations.
func convertedType(e *format.SchemaElement) (arrow.DataType, convKind, bool) {
	phys := e.Type.V
	switch e.ConvertedType.V {
	case deprecated.UTF8, deprecated.Enum, deprecated.Json:
		return arrow.BinaryTypes.String, convString, phys == format.ByteArray
	case deprecated.Date:
		return arrow.FixedWidthTypes.Date32, convInt32, phys == format.Int32
	case deprecated.TimeMillis:
		return arrow.FixedWidthTypes.Time32ms, convInt32, phys == format.Int32
	case deprecated.TimeMicros:
		return arrow.FixedWidthTypes.Time64us, convInt64, phys == format.Int64
	case deprecated.TimestampMillis:
		return &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"}, convInt64, phys == format.Int64
	case deprecated.TimestampMicros:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, convInt64, phys == format.Int64
	case deprecated.Int8, deprecated.Int16, deprecated.Int32, deprecated.Int64,
		deprecated.Uint8, deprecated.Uint16, deprecated.Uint32, deprecated.Uint64:
		k := e.ConvertedType.V
		signed := k >= deprecated.Int8
		bits := map[deprecated.ConvertedType]int{deprecated.Int8: 8, deprecated.Int16: 16, deprecated.Int32: 32, deprecated.Int64: 64,
			deprecated.Uint8: 8, deprecated.Uint16: 16, deprecated.Uint32: 32, deprecated.Uint64: 64}[k]
		dt, conv, err := intType(phys, bits, signed)
		return dt, conv, err == nil
	case deprecated.Decimal:
		dt, conv, err := decimalType(phys, e.Precision.V, e.Scale.V)
		return dt, conv, err == nil
	case deprecated.Interval:
		return arrow.FixedWidthTypes.MonthDayNanoInterval, convInterval, phys == format.FixedLenByteArray && e.TypeLength.V == 12
	}
	return nil, 0, false
}

// physicalType is the Arrow type of an unannotated column.
func physicalType(e *format.SchemaElement) (arrow.DataType, convKind, error) {
	switch e.Type.V {
	case format.Boolean:
		return arrow.FixedWidthTypes.Boolean, convBool, nil
	case format.Int32:
		return arrow.PrimitiveTypes.Int32, convInt32, nil
	case format.Int64:
		return arrow.PrimitiveTypes.Int64, convInt64, nil
	case format.Int96:
		// Microseconds, as Spark and DuckDB read it: nanoseconds overflow
		// for the year 9999 that Spark writes for "no end".
		return arrow.FixedWidthTypes.Timestamp_us, convInt96, nil
	case format.Float:
		return arrow.PrimitiveTypes.Float32, convFloat32, nil
	case format.Double:
		return arrow.PrimitiveTypes.Float64, convFloat64, nil
	case format.ByteArray:
		return arrow.BinaryTypes.Binary, convBinary, nil
	case format.FixedLenByteArray:
		return &arrow.FixedSizeBinaryType{ByteWidth: int(e.TypeLength.V)}, convFixed, nil
	}
	return nil, 0, fmt.Errorf("unknown physical type %d", e.Type.V)
}

// intType maps INT(bits, signed).
func intType(phys format.Type, bits int, signed bool) (arrow.DataType, convKind, error) {
	switch {
	case phys == format.Int32 && signed && bits == 8:
		return arrow.PrimitiveTypes.Int8, convInt8, nil
	case phys == format.Int32 && signed && bits == 16:
		return arrow.PrimitiveTypes.Int16, convInt16, nil
	case phys == format.Int32 && signed && bits == 32:
		return arrow.PrimitiveTypes.Int32, convInt32, nil
	case phys == format.Int32 && !signed && bits == 8:
		return arrow.PrimitiveTypes.Uint8, convUint8, nil
	case phys == format.Int32 && !signed && bits == 16:
		return arrow.PrimitiveTypes.Uint16, convUint16, nil
	case phys == format.Int32 && !signed && bits == 32:
		return arrow.PrimitiveTypes.Uint32, convUint32, nil
	case phys == format.Int64 && signed && bits == 64:
		return arrow.PrimitiveTypes.Int64, convInt64, nil
	case phys == format.Int64 && !signed && bits == 64:
		return arrow.PrimitiveTypes.Uint64, convUint64, nil
	}
	return nil, 0, fmt.Errorf("INT(%d, signed=%t) on %s", bits, signed, phys)
}

// decimalType maps DECIMAL(precision, scale) to decimal128 (up to 38
// digits) or decimal256.
func decimalType(phys format.Type, precision, scale int32) (arrow.DataType, convKind, error) {
	if precision <= 0 || precision > 76 || scale < 0 || scale > precision {
		return nil, 0, fmt.Errorf("DECIMAL(%d, %d) is out of range", precision, scale)
	}
	var dt arrow.DataType = &arrow.Decimal128Type{Precision: precision, Scale: scale}
	if precision > 38 {
		dt = &arrow.Decimal256Type{Precision: precision, Scale: scale}
	}
	switch phys {
	case format.Int32:
		return dt, convDecimal32, nil
	case format.Int64:
		return dt, convDecimal64, nil
	case format.ByteArray, format.FixedLenByteArray:
		return dt, convDecimalBE, nil
	}
	return nil, 0, fmt.Errorf("DECIMAL on %s", phys)
}

// timeUnit maps a Parquet time unit.
func timeUnit(u *format.TimeUnit) (arrow.TimeUnit, bool) {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return arrow.Millisecond, true
	case *format.MicroSeconds:
		return arrow.Microsecond, true
	case *format.NanoSeconds:
		return arrow.Nanosecond, true
	}
	return 0, false
}
