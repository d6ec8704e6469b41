/*
 * driverspecs.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the driver-specific (__drv_*) annotations,
 * written from their documented names. All of them expand to nothing.
 */
#ifndef NDISLINT_DRIVERSPECS_H
#define NDISLINT_DRIVERSPECS_H
#include <sal.h>

#ifndef __drv_sameIRQL
#define __drv_sameIRQL
#endif
#ifndef __drv_savesIRQL
#define __drv_savesIRQL
#endif
#ifndef __drv_restoresIRQL
#define __drv_restoresIRQL
#endif
#ifndef __drv_useCancelIRQL
#define __drv_useCancelIRQL
#endif
#ifndef __drv_isCancelIRQL
#define __drv_isCancelIRQL
#endif
#ifndef __drv_inTry
#define __drv_inTry
#endif
#ifndef __drv_notInTry
#define __drv_notInTry
#endif
#ifndef __drv_clearDoInit
#define __drv_clearDoInit
#endif
#ifndef __drv_acquiresCancelSpinLock
#define __drv_acquiresCancelSpinLock
#endif
#ifndef __drv_releasesCancelSpinLock
#define __drv_releasesCancelSpinLock
#endif
#ifndef __drv_mustHoldCancelSpinLock
#define __drv_mustHoldCancelSpinLock
#endif
#ifndef __drv_neverHoldCancelSpinLock
#define __drv_neverHoldCancelSpinLock
#endif
#ifndef __drv_mustHoldCriticalRegion
#define __drv_mustHoldCriticalRegion
#endif
#ifndef __drv_neverHoldCriticalRegion
#define __drv_neverHoldCriticalRegion
#endif
#ifndef __drv_acquiresCriticalRegion
#define __drv_acquiresCriticalRegion
#endif
#ifndef __drv_releasesCriticalRegion
#define __drv_releasesCriticalRegion
#endif
#ifndef __drv_mustHoldPriorityRegion
#define __drv_mustHoldPriorityRegion
#endif
#ifndef __drv_neverHoldPriorityRegion
#define __drv_neverHoldPriorityRegion
#endif
#ifndef __drv_acquiresPriorityRegion
#define __drv_acquiresPriorityRegion
#endif
#ifndef __drv_releasesPriorityRegion
#define __drv_releasesPriorityRegion
#endif
#ifndef __drv_floatSaved
#define __drv_floatSaved
#endif
#ifndef __drv_floatRestored
#define __drv_floatRestored
#endif
#ifndef __drv_floatUsed
#define __drv_floatUsed
#endif
#ifndef __drv_interlocked
#define __drv_interlocked
#endif
#ifndef __drv_nonConstant
#define __drv_nonConstant
#endif
#ifndef __drv_constant
#define __drv_constant
#endif
#ifndef __drv_aliasesMem
#define __drv_aliasesMem
#endif
#ifndef __drv_isObjectPointer
#define __drv_isObjectPointer
#endif
#ifndef __drv_IoGetDmaAdapter
#define __drv_IoGetDmaAdapter
#endif
#ifndef __drv_dispatchType_other
#define __drv_dispatchType_other
#endif
#ifndef __drv_ret
#define __drv_ret
#endif
#ifndef __drv_deref
#define __drv_deref
#endif
#ifndef __drv_in_deref
#define __drv_in_deref
#endif
#ifndef __drv_out_deref
#define __drv_out_deref
#endif
#ifndef __drv_Mode_impl
#define __drv_Mode_impl
#endif
#ifndef __drv_maxFunctionIRQL
#define __drv_maxFunctionIRQL
#endif
#ifndef __drv_minFunctionIRQL
#define __drv_minFunctionIRQL
#endif
#ifndef __drv_functionClassDefault
#define __drv_functionClassDefault
#endif
#ifndef __drv_valueIsInline
#define __drv_valueIsInline
#endif
#ifndef __drv_formatString_
#define __drv_formatString_
#endif
#ifndef __drv_unit_
#define __drv_unit_
#endif
#ifndef __drv_inTry_
#define __drv_inTry_
#endif
#ifndef __drv_allocatesMem_
#define __drv_allocatesMem_
#endif
#ifndef __drv_acquiresExclusiveResourceGlobal_
#define __drv_acquiresExclusiveResourceGlobal_
#endif
#ifndef __drv_raisesIRQL_
#define __drv_raisesIRQL_
#endif
#ifndef __drv_dispatchType
#define __drv_dispatchType(...)
#endif
#ifndef __drv_completionType
#define __drv_completionType(...)
#endif
#ifndef __drv_maxIRQL
#define __drv_maxIRQL(...)
#endif
#ifndef __drv_minIRQL
#define __drv_minIRQL(...)
#endif
#ifndef __drv_requiresIRQL
#define __drv_requiresIRQL(...)
#endif
#ifndef __drv_setsIRQL
#define __drv_setsIRQL(...)
#endif
#ifndef __drv_raisesIRQL
#define __drv_raisesIRQL(...)
#endif
#ifndef __drv_requiresIRQLGlobal
#define __drv_requiresIRQLGlobal(...)
#endif
#ifndef __drv_savesIRQLGlobal
#define __drv_savesIRQLGlobal(...)
#endif
#ifndef __drv_restoresIRQLGlobal
#define __drv_restoresIRQLGlobal(...)
#endif
#ifndef __drv_allocatesMem
#define __drv_allocatesMem(...)
#endif
#ifndef __drv_freesMem
#define __drv_freesMem(...)
#endif
#ifndef __drv_when
#define __drv_when(...)
#endif
#ifndef __drv_at
#define __drv_at(...)
#endif
#ifndef __drv_in
#define __drv_in(...)
#endif
#ifndef __drv_out
#define __drv_out(...)
#endif
#ifndef __drv_inout
#define __drv_inout(...)
#endif
#ifndef __drv_arg
#define __drv_arg(...)
#endif
#ifndef __drv_fun
#define __drv_fun(...)
#endif
#ifndef __drv_functionClass
#define __drv_functionClass(...)
#endif
#ifndef __drv_valueIs
#define __drv_valueIs(...)
#endif
#ifndef __drv_strictTypeMatch
#define __drv_strictTypeMatch(...)
#endif
#ifndef __drv_strictType
#define __drv_strictType(...)
#endif
#ifndef __drv_preferredFunction
#define __drv_preferredFunction(...)
#endif
#ifndef __drv_reportError
#define __drv_reportError(...)
#endif
#ifndef __drv_acquiresResource
#define __drv_acquiresResource(...)
#endif
#ifndef __drv_releasesResource
#define __drv_releasesResource(...)
#endif
#ifndef __drv_mustHold
#define __drv_mustHold(...)
#endif
#ifndef __drv_neverHold
#define __drv_neverHold(...)
#endif
#ifndef __drv_acquiresResourceGlobal
#define __drv_acquiresResourceGlobal(...)
#endif
#ifndef __drv_releasesResourceGlobal
#define __drv_releasesResourceGlobal(...)
#endif
#ifndef __drv_mustHoldGlobal
#define __drv_mustHoldGlobal(...)
#endif
#ifndef __drv_neverHoldGlobal
#define __drv_neverHoldGlobal(...)
#endif
#ifndef __drv_acquiresExclusiveResource
#define __drv_acquiresExclusiveResource(...)
#endif
#ifndef __drv_releasesExclusiveResource
#define __drv_releasesExclusiveResource(...)
#endif
#ifndef __drv_acquiresExclusiveResourceGlobal
#define __drv_acquiresExclusiveResourceGlobal(...)
#endif
#ifndef __drv_releasesExclusiveResourceGlobal
#define __drv_releasesExclusiveResourceGlobal(...)
#endif
#ifndef __drv_innerMustHold
#define __drv_innerMustHold(...)
#endif
#ifndef __drv_innerNeverHold
#define __drv_innerNeverHold(...)
#endif
#ifndef __drv_formatString
#define __drv_formatString(...)
#endif
#ifndef __drv_typeConst
#define __drv_typeConst(...)
#endif
#ifndef __drv_typeCond
#define __drv_typeCond(...)
#endif
#ifndef __drv_typeBitset
#define __drv_typeBitset(...)
#endif
#ifndef __drv_typeExpr
#define __drv_typeExpr(...)
#endif
#ifndef __drv_declspec
#define __drv_declspec(...)
#endif
#ifndef __drv_maxIRQL_
#define __drv_maxIRQL_(...)
#endif
#ifndef __drv_when_
#define __drv_when_(...)
#endif
#ifndef __drv_Mode
#define __drv_Mode(...)
#endif
#ifndef __drv_setsIRQL_
#define __drv_setsIRQL_(...)
#endif
#ifndef __drv_requiresIRQL_
#define __drv_requiresIRQL_(...)
#endif
#ifndef __drv_unit
#define __drv_unit(...)
#endif
#ifndef __drv_reportError_
#define __drv_reportError_(...)
#endif
#ifndef __drv_deref_in
#define __drv_deref_in(...)
#endif
#ifndef __drv_mustHoldGlobal_
#define __drv_mustHoldGlobal_(...)
#endif
#ifndef __drv_allocatesMem__
#define __drv_allocatesMem__(...)
#endif
#ifndef __drv_preferredFunction_
#define __drv_preferredFunction_(...)
#endif
#ifndef __drv_dispatchType_
#define __drv_dispatchType_(...)
#endif
#ifndef __drv_KMDF
#define __drv_KMDF(...)
#endif
#ifndef __drv_UMDF
#define __drv_UMDF(...)
#endif
#ifndef __drv_WDM
#define __drv_WDM(...)
#endif
#ifndef __drv_NDIS
#define __drv_NDIS(...)
#endif
#ifndef __drv_Kernel
#define __drv_Kernel(...)
#endif
#ifndef __drv_Miniport
#define __drv_Miniport(...)
#endif
#ifndef __drv_Driver
#define __drv_Driver(...)
#endif
#ifndef __drv_ntstatus
#define __drv_ntstatus(...)
#endif

#endif /* NDISLINT_DRIVERSPECS_H */
