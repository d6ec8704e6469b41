/*
 * ntintsafe.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the overflow-checked integer
 * arithmetic of the kernel's safe-integer library.  Each routine stores
 * the result through its last parameter and returns STATUS_SUCCESS, or
 * STATUS_INTEGER_OVERFLOW when the result does not fit.
 */
#ifndef NDISLINT_NTINTSAFE_H
#define NDISLINT_NTINTSAFE_H

#include <ntdef.h>
#include <ntstatus.h>

#ifndef STATUS_INTEGER_OVERFLOW
#define STATUS_INTEGER_OVERFLOW ((NTSTATUS)0xC0000095L)
#endif

/* Declares Rtl<Kind>Add, Rtl<Kind>Sub and Rtl<Kind>Mult for one type. */
#define NDISLINT_INTSAFE_OPS(Kind, Type)                                   \
    __forceinline NTSTATUS Rtl##Kind##Add(_In_ Type Augend, _In_ Type Addend, \
                                         _Out_ Type *Result)               \
    {                                                                      \
        *Result = (Type)(Augend + Addend);                                 \
        return *Result < Augend ? STATUS_INTEGER_OVERFLOW : STATUS_SUCCESS; \
    }                                                                      \
    __forceinline NTSTATUS Rtl##Kind##Sub(_In_ Type Minuend,              \
                                         _In_ Type Subtrahend,             \
                                         _Out_ Type *Result)               \
    {                                                                      \
        *Result = (Type)(Minuend - Subtrahend);                            \
        return Subtrahend > Minuend ? STATUS_INTEGER_OVERFLOW : STATUS_SUCCESS; \
    }                                                                      \
    __forceinline NTSTATUS Rtl##Kind##Mult(_In_ Type Multiplicand,        \
                                          _In_ Type Multiplier,            \
                                          _Out_ Type *Result)              \
    {                                                                      \
        *Result = (Type)(Multiplicand * Multiplier);                       \
        return (Multiplicand != 0 && *Result / Multiplicand != Multiplier) \
            ? STATUS_INTEGER_OVERFLOW : STATUS_SUCCESS;                    \
    }

NDISLINT_INTSAFE_OPS(UShort, USHORT)
NDISLINT_INTSAFE_OPS(UInt, UINT)
NDISLINT_INTSAFE_OPS(ULong, ULONG)
NDISLINT_INTSAFE_OPS(ULongLong, ULONGLONG)
NDISLINT_INTSAFE_OPS(SizeT, SIZE_T)
NDISLINT_INTSAFE_OPS(ULongPtr, ULONG_PTR)

#undef NDISLINT_INTSAFE_OPS

#endif
